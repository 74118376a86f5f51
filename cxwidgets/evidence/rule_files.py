"""Settings files an analyst writes by hand (column mappings, tagging rules), as models.

Both are YAML files checked by pydantic; a mistake is reported as one line that names the
file and the entry ("tagging rules rules.yaml rules.0: invalid regex ..."), never as a
traceback, and nothing is used until the whole file is valid.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar, TypeVar

from pydantic import BaseModel, ValidationError

from cxwidgets.exceptions import InvalidInput
from cxwidgets.method.model import describe

S = TypeVar("S", bound="YamlSettings")


class YamlSettings(BaseModel):
    """A model loaded from a dict or a YAML file, with errors that say where."""

    #: What the file is called in messages ("column mapping").
    what: ClassVar[str] = "settings"

    @classmethod
    def from_data(cls: type[S], data: Any, where: str | None = None) -> S:
        """Validate settings given as a dict (e.g. parsed YAML), naming the bad entry."""
        where = where or cls.what
        if not isinstance(data, dict):
            raise InvalidInput(f"{where}: expected a mapping of keys to values, got "
                               f"{type(data).__name__}")
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            raise InvalidInput(describe(exc, where)) from exc

    @classmethod
    def from_yaml(cls: type[S], path: str | Path) -> S:
        import yaml  # lazy: PyYAML, only when a rules file is read

        path = Path(path)
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise InvalidInput(f"cannot read the {cls.what} {path}: {exc.strerror}") from exc
        except (yaml.YAMLError, UnicodeDecodeError) as exc:
            raise InvalidInput(f"the {cls.what} {path} is not valid YAML: {exc}") from exc
        return cls.from_data(data, f"{cls.what} {path.name}")
