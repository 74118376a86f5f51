"""How an export's columns become the canonical table: the column mapping.

A mapping names, for each canonical field, the input column it comes from; fixes values
for the whole file (every row of `app_reviews.xlsx` is source "review"); gives the scale
of the scores and the order of ambiguous dates; and, for wide exports (one score column per
touchpoint or question), says which column is which touchpoint so each input row becomes
one row per touchpoint. It is guessed from the file when not given, and can be given as a
dict or a YAML file:

    columns: {text: Comment, timestamp: Date, score: Rating}
    constants: {source: review, product: Classic box}
    score_type: 1-10            # csat, nps, rating (1-5), any range such as 0-100, yes/no
    scales: {"Q3 Delivery (1-5)": rating}   # a column whose scale differs from score_type
    date_order: dayfirst
    wide: {"Q3 Delivery (1-5)": Courier at the door, "Q4 Box (1-5)": The box and its packaging}
    text_parts: [Title, Comment]    # the customer's words split over columns, in order
    placeholders: [No Negative]     # cells that mean "nothing said"
    company_names: [FreshBox]       # left out of the text before the text model reads it
    duplicates: true                # false: keep rows that repeat an earlier one
    encoding: cp1252                # the file's encoding, when detecting it is not enough
"""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import ConfigDict, Field, field_validator, model_validator

from cxwidgets.evidence.encodings import known
from cxwidgets.evidence.rule_files import YamlSettings
from cxwidgets.evidence.scales import scale_name
from cxwidgets.evidence.schema import MAPPABLE
from cxwidgets.exceptions import UnreadableFile

DateOrder = Literal["auto", "dayfirst", "monthfirst"]


class ColumnMapping(YamlSettings):
    """Input columns -> canonical fields, plus what the file itself does not say."""

    what: ClassVar[str] = "column mapping"

    model_config = ConfigDict(extra="forbid")

    columns: dict[str, str] = Field(default={}, description="canonical field -> input column")
    constants: dict[str, str] = Field(default={}, description="canonical field -> fixed value")
    score_type: str | None = Field(
        default=None, description="scale of every score, unless `scales` or a score-type "
                                  "column says otherwise: csat, nps, rating (1-5), a range "
                                  "such as 1-10 or 0-100, or yes/no")
    scales: dict[str, str] = Field(
        default={}, description="score column -> its scale, where it differs from "
                                "score_type")
    date_order: DateOrder = Field(
        default="auto", description="how to read 03/04/2026: decided from the file when auto")
    wide: dict[str, str] = Field(
        default={}, description="score column -> touchpoint, for one-column-per-touchpoint "
                                "exports")
    text_parts: list[str] = Field(
        default=[], description="columns read, in this order, as one text (a title and a "
                                "body; what was good and what was bad); the text column is "
                                "one of them")
    placeholders: list[str] = Field(
        default=[], description="text cells that mean nothing was said ('No Negative')")
    company_names: list[str] = Field(
        default=[], description="names of the company and its products, left out of the "
                                "text before the text model reads it")
    duplicates: bool = Field(
        default=True, description="reject a row that repeats an earlier one (by id, else "
                                  "by every mapped field)")
    encoding: str | None = Field(
        default=None, description="the codec the file is written in (utf-8, cp1252, "
                                  "latin-1 ...); detected on the whole file when not given")
    volume_only: bool = Field(
        default=True, description="keep rows with no text and no score as volume-only rows "
                                  "(false for a second mapping of a file another mapping "
                                  "already counts)")

    @field_validator("columns", "constants")
    @classmethod
    def _known_fields(cls, value: dict[str, str]) -> dict[str, str]:
        unknown = sorted(set(value) - set(MAPPABLE))
        if unknown:
            raise ValueError(f"unknown canonical field(s) {', '.join(unknown)}; known: "
                             f"{', '.join(MAPPABLE)}")
        return value

    @field_validator("score_type")
    @classmethod
    def _known_scale(cls, value: str | None) -> str | None:
        return None if value is None else scale_name(value)

    @field_validator("encoding")
    @classmethod
    def _known_encoding(cls, value: str | None) -> str | None:
        if value is None or value.strip().casefold() in ("", "auto"):
            return None

        try:
            return known(value)
        except UnreadableFile as exc:
            raise ValueError(str(exc)) from None

    @field_validator("scales")
    @classmethod
    def _known_scales(cls, value: dict[str, str]) -> dict[str, str]:
        return {column: scale_name(scale) for column, scale in value.items()}

    @model_validator(mode="after")
    def _text_parts_hold_the_text(self) -> ColumnMapping:
        if self.text_parts and self.columns.get("text") not in self.text_parts:
            raise ValueError("text_parts must include the text column (columns: {text: ...})")
        return self

    def sources(self) -> set[str]:
        """Every input column this mapping reads."""
        return set(self.columns.values()) | set(self.wide) | set(self.text_parts) | set(
            self.scales)

    def scale_for(self, column: str) -> str | None:
        """The scale of a score column: its own, else the mapping's score type."""
        return self.scales.get(column, self.score_type)

    def to_dict(self) -> dict[str, Any]:
        """The mapping as plain data, without the defaults: what a YAML file would hold."""
        return self.model_dump(mode="json", exclude_defaults=True)

    def to_yaml(self) -> str:
        """The mapping as YAML text that `from_yaml` reads back."""
        import yaml  # lazy: PyYAML, only when a mapping is written

        return yaml.safe_dump(self.to_dict(), sort_keys=False, allow_unicode=True, width=10_000)
