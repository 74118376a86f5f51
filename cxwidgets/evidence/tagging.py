"""Tagging: which touchpoint (and so which stage) each piece of feedback is about.

Three kinds of knowledge, all in one `TagRules`:

* a lookup table from the raw values an export uses for touchpoints (a support system's
  categories, a survey's question names) to the workshop's touchpoint names; matching
  ignores case and repeated or surrounding spaces. A value mapped to nothing (`null` in
  YAML) says "this category names no touchpoint; read the text instead";
* keyword or regular-expression rules on the text, tried in order, each giving a
  touchpoint, a stage or both;
* the touchpoint -> stage table of the workshop's timeline (and, optionally, a lookup
  for raw stage names, e.g. an interviewer's "signup" for "Sign-up").

As YAML:

    stages: {Courier at the door: Delivery, Support phone line: Support}
    stage_lookup: {signup: Sign-up}
    lookup: {"Delivery > Courier behaviour": Courier at the door, "General > Other": null}
    rules:
      - {name: courier, keywords: [courier, driver, doorstep], touchpoint: Courier at the door}
      - {name: phone waits, regex: 'on hold|phone (line|queue)', touchpoint: Support phone line}

`tag()` works on whole columns: each rule is one `str.contains` over the distinct texts
still untagged, so a million rows with repeated texts cost a few passes over far fewer
strings, never a Python loop per row.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator

from cxwidgets.evidence.cells import recode
from cxwidgets.evidence.rule_files import YamlSettings
from cxwidgets.exceptions import InvalidInput

#: by_rule key for rows whose touchpoint came from the lookup table.
LOOKUP = "lookup"


def _norm(value: str) -> str:
    """A raw label as the lookup compares it: no case, single inner spaces, no edges."""
    return " ".join(value.split()).casefold()


def _norm_series(values: pd.Series) -> pd.Series:
    return (values.astype("string").str.strip()
            .str.replace(r"\s+", " ", regex=True).str.casefold())


class Rule(BaseModel):
    """Text that mentions any keyword (or matches the regex) is about this touchpoint/stage."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(default="", description="shown in the counts; defaults to rule N")
    keywords: list[str] = Field(default=[], description="whole words or phrases, any case")
    regex: str = Field(default="", description="a Python regular expression, any case")
    touchpoint: str | None = None
    stage: str | None = None
    case_sensitive: bool = False

    _pattern: re.Pattern[str] | None = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _check(self) -> Rule:
        label = f"rule '{self.name}'" if self.name else "rule"
        if bool(self.keywords) == bool(self.regex):
            raise ValueError(f"{label}: give either keywords or a regex (exactly one)")
        if not (self.touchpoint or self.stage):
            raise ValueError(f"{label}: give a touchpoint, a stage or both")
        if any(not k.strip() for k in self.keywords):
            raise ValueError(f"{label}: a keyword is empty")
        self._pattern = _compile(self, label)
        return self

    @property
    def pattern(self) -> re.Pattern[str]:
        assert self._pattern is not None
        return self._pattern


def _compile(rule: Rule, label: str) -> re.Pattern[str]:
    flags = 0 if rule.case_sensitive else re.IGNORECASE
    if rule.keywords:
        words = "|".join(re.escape(" ".join(k.split())).replace(r"\ ", r"\s+")
                         for k in rule.keywords)
        return re.compile(rf"(?<!\w)(?:{words})(?!\w)", flags)
    try:
        return re.compile(rule.regex, flags)
    except re.error as exc:
        raise ValueError(f"{label}: invalid regex {rule.regex!r}: {exc}") from None


class TagRules(YamlSettings):
    """Lookup table, text rules and the touchpoint -> stage table, checked together."""

    what: ClassVar[str] = "tagging rules"

    model_config = ConfigDict(extra="forbid")

    lookup: dict[str, str | None] = Field(
        default={}, description="raw touchpoint value -> touchpoint (null: read the text)")
    rules: list[Rule] = Field(default=[], description="tried in order; the first match wins")
    stages: dict[str, str] = Field(default={}, description="touchpoint -> stage")
    stage_lookup: dict[str, str] = Field(default={}, description="raw stage value -> stage")

    @model_validator(mode="after")
    def _check(self) -> TagRules:
        for k, rule in enumerate(self.rules, start=1):
            if not rule.name:
                rule.name = f"rule {k}: {rule.touchpoint or rule.stage}"
        names = [r.name for r in self.rules]
        twice = sorted({n for n in names if names.count(n) > 1} | ({LOOKUP} & set(names)))
        if twice:
            raise ValueError(f"rule names must be unique and not '{LOOKUP}': {twice[0]!r}")
        _no_clash(self.lookup, "lookup")
        _no_clash(self.stage_lookup, "stage lookup")
        if self.stages:
            self._check_against_stages()
        return self

    def _check_against_stages(self) -> None:
        known = set(self.stages)
        for raw, target in self.lookup.items():
            if target is not None and target not in known:
                raise ValueError(f"lookup {raw!r}: touchpoint {target!r} is not in the "
                                 "touchpoint -> stage table (check the spelling)")
        for rule in self.rules:
            if rule.touchpoint is None:
                continue
            if rule.touchpoint not in known:
                raise ValueError(f"rule '{rule.name}': touchpoint {rule.touchpoint!r} is not "
                                 "in the touchpoint -> stage table (check the spelling)")
            if rule.stage and rule.stage != self.stages[rule.touchpoint]:
                raise ValueError(f"rule '{rule.name}': stage {rule.stage!r} differs from the "
                                 f"table's {self.stages[rule.touchpoint]!r}")

    # -- loading -------------------------------------------------------------------------

    @classmethod
    def from_lookup_csv(cls, path: str | Path, raw: str = "raw",
                        touchpoint: str = "touchpoint", stage: str = "stage") -> TagRules:
        """A lookup table from a CSV with a raw-value and a touchpoint column.

        An optional stage column fills the touchpoint -> stage table too. An empty
        touchpoint cell means "names no touchpoint; read the text".
        """
        path = Path(path)
        try:
            frame = pd.read_csv(path, dtype="string", encoding="utf-8-sig",
                                keep_default_na=False)
        except (OSError, UnicodeDecodeError, pd.errors.ParserError) as exc:
            raise InvalidInput(f"cannot read the lookup table {path}: {exc}") from exc
        missing = [c for c in (raw, touchpoint) if c not in frame.columns]
        if missing:
            raise InvalidInput(f"lookup table {path.name}: no column {missing[0]!r}; it has "
                               f"{', '.join(map(repr, frame.columns))}")
        data: dict[str, Any] = {"lookup": _lookup_rows(frame, raw, touchpoint, path.name)}
        if stage in frame.columns:
            pairs = frame.loc[frame[touchpoint].str.strip() != "", [touchpoint, stage]]
            data["stages"] = {t.strip(): s.strip() for t, s in pairs.itertuples(index=False)
                              if s.strip()}
        return cls.from_data(data, f"lookup table {path.name}")

    def merged(self, other: TagRules) -> TagRules:
        """These rules plus another set's (its rules tried after these; on a clash of
        lookup or table entries, the other set's entry wins)."""
        taken = {r.name for r in self.rules}
        extra = [r.model_dump() for r in other.rules]
        for rule in extra:
            if rule["name"] in taken:
                rule["name"] = f"{rule['name']} (added)"
        return TagRules.from_data({
            "lookup": {**self.lookup, **other.lookup},
            "rules": [*(r.model_dump() for r in self.rules), *extra],
            "stages": {**self.stages, **other.stages},
            "stage_lookup": {**self.stage_lookup, **other.stage_lookup}})

    # -- what tag() needs ----------------------------------------------------------------

    def touchpoint_names(self) -> dict[str, str | None]:
        """Normalised raw value -> touchpoint (None: known to name no touchpoint)."""
        names: dict[str, str | None] = {}
        targets = [*self.stages, *(t for t in self.lookup.values() if t),
                   *(r.touchpoint for r in self.rules if r.touchpoint)]
        names.update({_norm(t): t for t in targets})
        names.update({_norm(raw): t for raw, t in self.lookup.items()})
        return names

    def stage_names(self) -> dict[str, str]:
        """Normalised raw stage -> stage."""
        targets = [*self.stages.values(), *self.stage_lookup.values(),
                   *(r.stage for r in self.rules if r.stage)]
        names = {_norm(s): s for s in targets}
        names.update({_norm(raw): s for raw, s in self.stage_lookup.items()})
        return names


def _no_clash(table: dict[str, Any], what: str) -> None:
    seen: dict[str, tuple[str, Any]] = {}
    for raw, target in table.items():
        key = _norm(raw)
        if not key:
            raise ValueError(f"{what}: an entry has an empty raw value")
        if key in seen and seen[key][1] != target:
            raise ValueError(f"{what}: {seen[key][0]!r} and {raw!r} are the same value "
                             f"but point to {seen[key][1]!r} and {target!r}")
        seen[key] = (raw, target)


def _lookup_rows(frame: pd.DataFrame, raw: str, touchpoint: str,
                 name: str) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for k, (value, target) in enumerate(frame[[raw, touchpoint]].itertuples(index=False),
                                        start=2):
        if not value.strip():
            raise InvalidInput(f"lookup table {name} line {k}: the {raw!r} cell is empty")
        out[value.strip()] = target.strip() or None
    return out


@dataclass(frozen=True)
class Tagged:
    """The tagged table and how it got tagged."""

    table: pd.DataFrame
    #: rows whose touchpoint is still missing (they stay in the table)
    untagged: int
    #: "lookup" and every rule's name -> rows it tagged, in the rules' order
    by_rule: dict[str, int]
    #: raw touchpoint values the lookup did not know -> rows, most frequent first
    unknown: dict[str, int] = field(default_factory=dict)


def tag(table: pd.DataFrame, rules: TagRules) -> Tagged:
    """Fill touchpoint and stage in a canonical table; no row is dropped.

    Touchpoint: the lookup's name for the row's raw value when it knows the value (a
    value already spelled as a known touchpoint counts as known); otherwise the first rule
    whose pattern the text matches; otherwise missing (untagged). Raw values the lookup
    does not know are replaced too, and reported in `unknown`.

    Stage: the touchpoint's stage (from the table, or from the rule that tagged it);
    else the row's own stage, in its canonical spelling when the stage lookup or a known
    stage name matches it; else the first stage-only rule the text matches.

    Works on codes: each distinct raw value is looked up once and each distinct text
    matched once; touchpoint and stage come back as categoricals.
    """
    names = rules.touchpoint_names()
    raw_codes, raw = pd.factorize(table["touchpoint"])
    keys = [_norm(str(v)) for v in raw]
    labels: list[str | None] = [names.get(k) for k in keys]
    codes = _only_named(raw_codes, labels)
    per_raw = np.bincount(raw_codes[raw_codes >= 0], minlength=len(raw))
    unknown: dict[str, int] = {}
    for value, key, count in zip(raw, keys, per_raw, strict=True):
        if key not in names and str(value).strip() and count:
            unknown[str(value).strip()] = unknown.get(str(value).strip(), 0) + int(count)
    by_rule = {LOOKUP: int((codes >= 0).sum())}

    tp_rules = [r for r in rules.rules if r.touchpoint]
    codes, counts = _by_rules(codes, labels, table["text"], tp_rules)
    by_rule.update(counts)
    touchpoint = recode(codes, labels, table.index)
    stage, counts = _stages(table["stage"], touchpoint, table["text"], rules)
    by_rule.update(counts)
    out = table.assign(touchpoint=touchpoint, stage=stage)
    by_rule = {k: by_rule.get(k, 0) for k in [LOOKUP, *(r.name for r in rules.rules)]}
    unknown = dict(sorted(unknown.items(), key=lambda kv: -kv[1]))
    return Tagged(out, int(touchpoint.isna().sum()), by_rule, unknown)


def _only_named(codes: np.ndarray, labels: list[str | None]) -> np.ndarray:
    """Codes whose label is None (a value known to name nothing) as missing (-1)."""
    named = np.array([lab is not None for lab in labels] + [False])  # last: code -1
    return np.where(named[codes], codes, -1)


def _by_rules(codes: np.ndarray, labels: list[str | None], text: pd.Series,
              rules: list[Rule]) -> tuple[np.ndarray, dict[str, int]]:
    """Rows still without a label (code -1) take the target of the first rule their text
    matches; the targets are appended to `labels`. Returns the codes and rows per rule."""
    open_rows = np.flatnonzero(codes < 0)
    if not rules or not len(open_rows):
        return codes, {}
    which, counts = _first_match(text.iloc[open_rows], rules)
    first = len(labels)
    labels += [r.touchpoint or r.stage for r in rules]
    codes = codes.copy()
    codes[open_rows] = np.where(which >= 0, first + which, -1)
    return codes, counts


def _first_match(text: pd.Series, rules: list[Rule]) -> tuple[np.ndarray, dict[str, int]]:
    """Per row, the index of the first rule whose pattern the text matches (-1: none).

    Each distinct text is matched once; each rule is one vectorised pass over the
    distinct texts no earlier rule has claimed. Also returns the rows each rule claimed.
    """
    codes, distinct = pd.factorize(text)
    values = pd.Series(distinct, dtype="string")
    which = np.full(len(values) + 1, -1)  # the extra last slot stands for missing text
    for k, rule in enumerate(rules):
        open_ = np.flatnonzero(which[:-1] < 0)
        if not len(open_):
            break
        with warnings.catch_warnings():  # groups in a rule's regex are fine: we only test
            warnings.filterwarnings("ignore", "This pattern is interpreted", UserWarning)
            hit = values.iloc[open_].str.contains(rule.pattern, na=False)
        hit = hit.to_numpy(dtype=bool)
        which[open_[hit]] = k
    row_which = which[codes]
    counts = np.bincount(row_which[row_which >= 0], minlength=len(rules))
    return row_which, {r.name: int(n) for r, n in zip(rules, counts, strict=True)}


def _stages(given: pd.Series, touchpoint: pd.Series, text: pd.Series,
            rules: TagRules) -> tuple[pd.Series, dict[str, int]]:
    """Each row's stage as a categorical: its touchpoint's, else its own, else a rule's."""
    by_touchpoint = {**{r.touchpoint: r.stage for r in rules.rules
                        if r.touchpoint and r.stage}, **rules.stages}
    tp_codes, tps = pd.factorize(touchpoint)
    labels: list[str | None] = [by_touchpoint.get(str(t)) for t in tps]
    codes = _only_named(tp_codes, labels)
    own_codes, own = pd.factorize(given)
    names = rules.stage_names()
    first = len(labels)
    labels += [names.get(_norm(str(v))) or (str(v).strip() or None) for v in own]
    codes = np.where(codes >= 0, codes, np.where(own_codes >= 0, own_codes + first, -1))
    codes = _only_named(codes, labels)
    stage_rules = [r for r in rules.rules if r.stage and not r.touchpoint]
    codes, counts = _by_rules(codes, labels, text, stage_rules)
    return recode(codes, labels, touchpoint.index), counts
