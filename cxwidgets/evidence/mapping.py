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

from typing import Any, ClassVar, Literal

from pydantic import ConfigDict, Field, field_validator

from cxwidgets.evidence.schema import MAPPABLE, ScoreType
from cxwidgets.evidence.settings import YamlSettings

DateOrder = Literal["auto", "dayfirst", "monthfirst"]


class ColumnMapping(YamlSettings):
    """Input columns -> canonical fields, plus what the file itself does not say."""

    what: ClassVar[str] = "column mapping"

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
