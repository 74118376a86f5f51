"""The kit's tunables, each declared once with its help text.

Every number a user may want to change (how often a page looks for others' edits, how many
kernels wait for arrivals, when a vanished page's kernel is reclaimed, how fast one person
may add things, ...) is one field of `Settings`, with its default, its limits and the
sentence that explains it. That one declaration serves everything: `cxwidgets serve`
options, the config file, the environment of the kernels Voila starts, and the README's
table (`python -m cxwidgets.settings` prints it; a test keeps the README equal to it).

Where a value comes from, later winning: the defaults here, the config file
(`cxwidgets.toml` in the user's configuration folder, or `--config FILE`), environment
variables (`CXWIDGETS_POLL_INTERVAL=2`), then command-line options. pydantic-settings
layers them; a kernel started by the server takes the server's whole set instead.
"""

from __future__ import annotations

import json
import os
import sys
import tomllib
from collections.abc import Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError
from pydantic_settings import (
    BaseSettings,
    EnvSettingsSource,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from cxwidgets.exceptions import InvalidInput
from cxwidgets.resources import user_config_dir

ENV_PREFIX = "CXWIDGETS_"
#: The whole set, as JSON, for the kernels a server starts (they read it back at once).
ENV_ALL = "CXWIDGETS_SETTINGS"
CONFIG_NAME = "cxwidgets.toml"
#: A rate: how many in a moving window of seconds, minutes or hours ("20/10second").
RATE = r"^[1-9]\d*/([1-9]\d*)?(second|minute|hour)s?$"


@dataclass(frozen=True)
class _Where:
    """Where one `Settings.load` reads from: the config file and the environment."""

    config: Path
    environ: Mapping[str, str]


_WHERE: ContextVar[_Where | None] = ContextVar("cxwidgets_settings_where", default=None)


class _Environment(EnvSettingsSource):
    """`CXWIDGETS_*` variables of a given environment (the process's, or a kernel's)."""

    def __init__(self, settings_cls: type[BaseSettings], environ: Mapping[str, str]) -> None:
        self._environ = environ  # read by the base class's constructor
        super().__init__(settings_cls)

    def _load_env_vars(self) -> Mapping[str, str | None]:
        return {k.lower(): v for k, v in self._environ.items() if k.startswith(ENV_PREFIX)}


class Settings(BaseSettings):
    """Tunables of the live workshop and the evidence reader."""

    model_config = SettingsConfigDict(extra="forbid", frozen=True, env_prefix=ENV_PREFIX,
                                      case_sensitive=False)

    poll_interval: float = Field(
        1.0, gt=0, le=60,
        description="Seconds between a page's checks for other people's edits (on "
                    "PostgreSQL the server wakes pages sooner when it can).")
    preheat: int = Field(
        2, ge=0, le=200,
        description="Participant kernels kept started ahead of arrivals (about 100 MB "
                    "each); raise it to the room's size before a large room arrives.")
    admit_at_once: int = Field(
        2, ge=1, le=64,
        description="Pages opened at the same time (each may need a kernel started); "
                    "later arrivals wait in line, see their place and open in turn.")
    page_gone: float = Field(
        120.0, ge=10, le=86_400,
        description="Seconds after which the kernel of a page that went away without "
                    "saying so (a phone switched off, a crashed browser) is shut down, "
                    "however busy the room; a page that is there never loses its kernel.")
    page_return: float = Field(
        30.0, ge=2, le=3_600,
        description="Seconds the kernel of a page that was closed or reloaded waits for "
                    "it to come back: a reload gets its own kernel again, never another.")
    cull_idle: int = Field(
        900, ge=60, le=86_400,
        description="Seconds after which a kernel that never had a page is reclaimed "
                    "once idle (long: a kernel being handed to a page is never culled).")
    cull_interval: int = Field(
        60, ge=1, le=3_600,
        description="Most seconds between checks for kernels to reclaim (more often when "
                    "the page-gone limit needs it).")
    edit_rate: str = Field(
        "30/10second", pattern=r"^\d+/\d*(second|minute)s?$",
        description="How many edits one participant may make in a moving window; far "
                    "above anyone typing by hand.")
    join_rate: str = Field(
        "20/10second", pattern=RATE,
        description="How many new participants one workshop takes in a moving window, "
                    "through any page or server; a room arrives at about one a second, a "
                    "script hammering Join much faster.")
    page_joins: str = Field(
        "3/hour", pattern=RATE,
        description="How many people one participant page (one browser tab) may seat in "
                    "a moving window; joining again from the same page gives back the "
                    "same seat.")
    wrong_codes: int = Field(
        3, ge=1, le=100,
        description="Wrong join codes a page may try freely; after that each try waits, "
                    "2 seconds at first and twice as long after each wrong code (at most "
                    "a minute), so codes cannot be guessed.")
    presence_every: float = Field(
        30.0, ge=2, le=600,
        description="Seconds between a participant page's notes that it is still open; "
                    "the facilitator's room list marks a seat open in two browsers when "
                    "both were seen within twice this.")
    snapshot_every: int = Field(
        200, ge=10, le=100_000,
        description="Events between the store's snapshots of a workshop (opening a "
                    "workshop reads the last snapshot and the events after it).")
    busy_timeout: float = Field(
        30.0, gt=0, le=600,
        description="Seconds an SQLite write waits for another writer before it gives up.")
    upload_mb: float = Field(
        8.0, gt=0, le=9.5,
        description="Largest feedback file accepted as an upload in step 2, in MB "
                    "(bigger files are read from a path; uploads travel in one message).")

    @classmethod
    def settings_customise_sources(
            cls, settings_cls: type[BaseSettings], init_settings: PydanticBaseSettingsSource,
            env_settings: PydanticBaseSettingsSource,
            dotenv_settings: PydanticBaseSettingsSource,
            file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Options first, then the environment, then the config file (then defaults)."""
        where = _WHERE.get() or _Where(user_config_dir() / CONFIG_NAME, os.environ)
        return (init_settings, _Environment(settings_cls, where.environ),
                TomlConfigSettingsSource(settings_cls, toml_file=where.config))

    @classmethod
    def load(cls, config: Path | None = None, environ: Mapping[str, str] | None = None,
             **given: Any) -> Settings:
        """Defaults, then the config file, then the environment, then `given`."""
        env: Mapping[str, str] = os.environ if environ is None else environ
        options = {k: v for k, v in given.items() if v is not None}
        path = config or user_config_dir() / CONFIG_NAME
        if config is not None and not config.is_file():
            raise InvalidInput(f"settings: no config file {config}")
        token = _WHERE.set(_Where(path, env))
        try:
            if ENV_ALL in env:  # a kernel started by `cxwidgets serve`: the server's set
                return cls.model_validate({**json.loads(env[ENV_ALL]), **options})
            return cls(**options)
        except ValidationError as exc:
            raise InvalidInput(f"settings: {_problems(exc, path)}") from None
        except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise InvalidInput(f"settings: cannot read {path}: {exc}") from None
        finally:
            _WHERE.reset(token)

    def to_env(self) -> dict[str, str]:
        """The environment that hands these settings to the kernels a server starts."""
        return {ENV_ALL: self.model_dump_json()}


def _problems(exc: ValidationError, path: Path) -> str:
    """A validation error in words: a name the config file may not use is said so."""
    unknown = sorted(str(e["loc"][0]) for e in exc.errors() if e["type"] == "extra_forbidden")
    if unknown:
        return (f"{path} names unknown settings {', '.join(unknown)}; known: "
                f"{', '.join(Settings.model_fields)}")
    return "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())


@cache
def current() -> Settings:
    """This process's settings (read once: a server's kernels get them from the server)."""
    return Settings.load()


def markdown_table() -> str:
    """The README's table of settings, made from the declarations above."""
    rows = ["| Setting | Default | What it does |", "|---|---|---|"]
    for name, field in Settings.model_fields.items():
        option = "--" + name.replace("_", "-")
        rows.append(f"| `{option}` (`{ENV_PREFIX}{name.upper()}`) | {field.default} | "
                    f"{field.description} |")
    return "\n".join(rows)


if __name__ == "__main__":  # pragma: no cover
    sys.stdout.write(markdown_table() + "\n")
