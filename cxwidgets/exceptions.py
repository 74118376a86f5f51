"""Every error the kit raises on purpose, under one base class.

Users catch `CxError`; tests assert the precise subclass. Each message says what was
wrong and where, in words a facilitator or analyst can act on.
"""

from __future__ import annotations


class CxError(Exception):
    """Base class of every error cxwidgets raises on purpose."""


class InvalidInput(CxError, ValueError):
    """Raised when user-entered data fails validation; the message names the field."""


class WorkshopNotFound(CxError, LookupError):
    """Raised when a workshop id or join code matches no workshop in the store."""


class NotAllowed(CxError, PermissionError):
    """Raised when an author tries an edit their role does not permit."""


class Throttled(CxError):
    """Raised when something comes faster than the kit takes it (people joining a workshop,
    one page seating people, a page trying join codes); `wait` is the seconds after which
    trying again can succeed."""

    def __init__(self, message: str, wait: float) -> None:
        super().__init__(message)
        self.wait = wait


class StoreUnavailable(CxError, OSError):
    """Raised when the store file cannot be opened or is not a cxwidgets store."""


class ParameterError(CxError, ValueError):
    """Raised when a notebook or CLI parameter has the wrong type or an unknown value."""


class NothingToUndo(CxError, LookupError):
    """Raised when an author asks to undo but has no edit left to undo."""


class ExportError(CxError, OSError):
    """Raised when a map or report cannot be written where or how it was asked for."""


class TargetExists(ExportError):
    """Raised when an export would replace a file that is already there (not forced)."""

    def __init__(self, path: object) -> None:
        super().__init__(f"{path} already exists; pass force=True / --force to overwrite")
        self.path = path


class EvidenceError(CxError, ValueError):
    """Raised when a feedback file or its column mapping cannot be used; says what and where."""


class UnreadableFile(EvidenceError):
    """Raised when a feedback file cannot be read at all: empty, too big, not a table, damaged."""


class MappingError(EvidenceError):
    """Raised when a column mapping does not fit the file, e.g. it names a missing column."""


class ClusterError(CxError, ConnectionError):
    """Raised when the Dask cluster named for a bank cannot be reached or cannot make reports."""


class BatchInterrupted(CxError):
    """Raised when a bank run is stopped (Ctrl-C); the reports already made are kept whole."""
