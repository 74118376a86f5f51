"""The map's colours stay apart for people with the common kinds of colour blindness.

Each categorical scale (channels, owners, the feeling bands with "not rated yet") is
simulated as seen with full protanopia, deuteranopia and tritanopia (colorspacious, the
Machado 2009 model at severity 100) and with normal sight; every two colours of a scale
must stay at least `MIN_APART` apart in CAM02-UCS, a space where distance follows what
people perceive.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from colorspacious import cspace_convert

from cxwidgets.charts import palette as pal

SIGHTS = (None, "protanomaly", "deuteranomaly", "tritanomaly")
SCALES = {
    "channels": list(pal.CHANNEL_COLOURS.values()),
    "owners": list(pal.OWNER_COLOURS.values()),
    "feelings": [*pal.SENTIMENT_COLOURS, pal.NOT_RATED_COLOUR],
}


def seen(colour: str, sight: str | None) -> np.ndarray:
    """`colour` (#rrggbb) as a person with `sight` sees it, in CAM02-UCS."""
    rgb = np.array([int(colour[i:i + 2], 16) for i in (1, 3, 5)]) / 255
    if sight is not None:
        rgb = np.clip(cspace_convert(rgb, {"name": "sRGB1+CVD", "cvd_type": sight,
                                           "severity": 100}, "sRGB1"), 0, 1)
    return np.asarray(cspace_convert(rgb, "sRGB1", "CAM02-UCS"))


def too_close(colours: list[str]) -> list[str]:
    """Pairs of `colours` closer than `MIN_APART` for some sight, with the distance."""
    found = []
    for sight in SIGHTS:
        for a, b in itertools.combinations(colours, 2):
            apart = float(np.linalg.norm(seen(a, sight) - seen(b, sight)))
            if apart < pal.MIN_APART:
                found.append(f"{a} and {b}: {apart:.1f} with {sight or 'normal sight'}")
    return found


@pytest.mark.parametrize("scale", sorted(SCALES))
def test_every_two_colours_stay_apart_for_every_kind_of_sight(scale):
    assert too_close(SCALES[scale]) == []


def test_the_check_finds_colours_only_some_people_can_tell_apart():
    # a red and a green of equal lightness: apart for normal sight, one for protanopes
    assert too_close(["#D55E00", "#997700"])  # the olive the channels used to have
    assert not too_close(["#000000", "#FFFFFF"])
    assert all(len(set(s)) == len(s) for s in SCALES.values())
