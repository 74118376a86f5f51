"""How an export's columns become the canonical table: the column mapping.

A mapping names, for each canonical field, the input column it comes from; fixes values
for the whole file (every row of `app_reviews.xlsx` is source "review"); gives the score
type and the order of ambiguous dates; and, for wide exports (one score column per
touchpoint or question), says which column is which touchpoint so each input row becomes
one row per touchpoint. It is guessed from column names when not given, and can be given
as a dict or a YAML file:

    columns: {text: Comment, timestamp: Date, score: Rating}
    constants: {source: review, product: Classic box}
    score_type: rating
    date_order: dayfirst
    wide: {"Q3 Delivery (1-5)": Courier at the door, "Q4 Box (1-5)": The box and its packaging}
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from cxwidgets.evidence.schema import MAPPABLE, ScoreType
from cxwidgets.exceptions import InvalidInput
from cxwidgets.model import describe

DateOrder = Literal["auto", "dayfirst", "monthfirst"]


class ColumnMapping(BaseModel):
    """Input columns -> canonical fields, plus what the file itself does not say."""

    model_config = ConfigDict(extra="forbid")

    columns: dict[str, str] = Field(default={}, description="canonical field -> input column")
    constants: dict[str, str] = Field(default={}, description="canonical field -> fixed value")
    score_type: ScoreType | None = Field(
        default=None, description="score type of every row, unless a column gives it")
    date_order: DateOrder = Field(
        default="auto", description="how to read 03/04/2026: decided from the file when auto")
    wide: dict[str, str] = Field(
        default={}, description="score column -> touchpoint, for one-column-per-touchpoint "
                                "exports")

    @field_validator("columns", "constants")
    @classmethod
    def _known_fields(cls, value: dict[str, str]) -> dict[str, str]:
        unknown = sorted(set(value) - set(MAPPABLE))
        if unknown:
            raise ValueError(f"unknown canonical field(s) {', '.join(unknown)}; known: "
                             f"{', '.join(MAPPABLE)}")
        return value

    @classmethod
    def from_data(cls, data: Any, where: str = "column mapping") -> ColumnMapping:
        """Validate a mapping given as a dict (e.g. parsed YAML), naming the bad field."""
        if not isinstance(data, dict):
            raise InvalidInput(f"{where}: expected a mapping of keys to values, got "
                               f"{type(data).__name__}")
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            raise InvalidInput(describe(exc, where)) from exc

    @classmethod
    def from_yaml(cls, path: str | Path) -> ColumnMapping:
        import yaml

        path = Path(path)
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise InvalidInput(f"cannot read the column mapping {path}: {exc.strerror}") from exc
        except (yaml.YAMLError, UnicodeDecodeError) as exc:
            raise InvalidInput(f"the column mapping {path} is not valid YAML: {exc}") from exc
        return cls.from_data(data, f"column mapping {path.name}")

    def sources(self) -> set[str]:
        """Every input column this mapping reads."""
        return set(self.columns.values()) | set(self.wide)

    def to_dict(self) -> dict[str, Any]:
        """The mapping as plain data, without the defaults: what a YAML file would hold."""
        return self.model_dump(mode="json", exclude_defaults=True)

    def to_yaml(self) -> str:
        """The mapping as YAML text that `from_yaml` reads back."""
        import yaml

        return yaml.safe_dump(self.to_dict(), sort_keys=False, allow_unicode=True, width=10_000)
