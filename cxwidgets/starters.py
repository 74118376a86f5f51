"""Starter journeys: industry templates a new workshop can begin from and then adapt.

A template is a small YAML file in `templates/journeys/`: the stages of a typical journey
in that industry, the usual touchpoints on each (with channel and owning function), the
processes behind them, and the pain points most companies find there, so the room edits
instead of starting from a blank wall. Templates are checked as strictly as the model:
a template that does not parse is refused with its file, line or field named.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from cxwidgets.evidence.rule_files import YamlSettings
from cxwidgets.exceptions import InvalidInput
from cxwidgets.method.model import Channel, Function, Workshop, default_medium
from cxwidgets.resources import JOURNEYS

FOLDER = JOURNEYS


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TouchpointTemplate(_Strict):
    name: str = Field(min_length=1, max_length=120)
    channel: Channel = Channel.web
    owner: Function = Function.other
    backstage: list[str] = []
    pains: list[str] = []


class StageTemplate(_Strict):
    name: str = Field(min_length=1, max_length=120)
    description: str = ""
    touchpoints: list[TouchpointTemplate] = Field(min_length=1)


class JourneyTemplate(YamlSettings):
    """One industry's typical journey."""

    what = "journey template"
    model_config = ConfigDict(extra="forbid")

    title: str = Field(min_length=1, max_length=120)
    scope: str = ""
    customer_purpose: str = ""
    stages: list[StageTemplate] = Field(min_length=2)

    def workshop(self, title: str | None = None) -> Workshop:
        """A new workshop holding this journey, ready for the room to adapt."""
        data: dict[str, Any] = {
            "id": "w-template", "title": title or self.title, "scope": self.scope,
            "customer_purpose": self.customer_purpose, "stages": [], "touchpoints": [],
            "backstage": [], "pain_points": []}
        for s_no, stage in enumerate(self.stages):
            sid = f"s{s_no}"
            data["stages"].append({"id": sid, "name": stage.name, "order": s_no,
                                   "description": stage.description})
            for t_no, tp in enumerate(stage.touchpoints):
                tid = f"t{s_no}-{t_no}"
                data["touchpoints"].append({
                    "id": tid, "name": tp.name, "channel": tp.channel.value,
                    "medium": default_medium(tp.channel).value, "owner": tp.owner.value,
                    "stage_id": sid})
                data["backstage"] += [{"id": f"b{s_no}-{t_no}-{k}", "touchpoint_id": tid,
                                       "name": b, "owner": tp.owner.value}
                                      for k, b in enumerate(tp.backstage)]
                data["pain_points"] += [{"id": f"p{s_no}-{t_no}-{k}", "touchpoint_id": tid,
                                         "text": p} for k, p in enumerate(tp.pains)]
        return Workshop.model_validate(data)


def names() -> list[str]:
    """The templates on offer, by the name `cxwidgets new --template` takes."""
    return sorted(p.stem for p in FOLDER.glob("*.yaml"))


def load(name: str, folder: Path = FOLDER) -> JourneyTemplate:
    """A template by name (or a path to a YAML file); unknown names list the known ones."""
    path = Path(name)
    if path.suffix not in (".yaml", ".yml") or not path.is_file():
        path = folder / f"{name}.yaml"
    if not path.is_file():
        known = ", ".join(names()) or "none"
        raise InvalidInput(f"no journey template named {name!r}; templates: {known}")
    return JourneyTemplate.from_yaml(path)
