"""figures: the named scores' own figures, as their definitions give them, for the report.

An NPS question is summed up as the Net Promoter Score (promoters 9-10 minus detractors
0-6, in points from -100 to +100) with its number of answers, overall and per product,
segment and touchpoint; a CSAT question as the share of satisfied answers (4-5, the top
two boxes); a CES question as the share who found it easy (5-7). Figures rest on few
answers say so by carrying their count. Pure: reads the canonical table only.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from cxwidgets.evidence.scales import BANDS, CES, CSAT, NPS

#: Groupings a figure is also given per, when a file has 2 to `MAX_GROUPS` of them.
BY = ("product", "segment", "touchpoint")
MAX_GROUPS = 20


def _nps(scores: np.ndarray) -> dict[str, Any]:
    low, high = BANDS[NPS]
    n = len(scores)
    promoters, detractors = float((scores >= high).mean()), float((scores <= low).mean())
    return {"nps": round(100 * (promoters - detractors), 1), "answers": n,
            "promoters": promoters, "passives": 1 - promoters - detractors,
            "detractors": detractors}


def headline(table: pd.DataFrame) -> dict[str, Any]:
    """The NPS, CSAT and CES figures of a canonical table (only the scales it holds)."""
    kind = table["score_type"].astype("string")
    score = table["score"].to_numpy(dtype="float64", na_value=np.nan)
    out: dict[str, Any] = {}
    nps = (kind == NPS).fillna(False).to_numpy() & ~np.isnan(score)
    if nps.any():
        out["nps"] = _nps(score[nps])
        out["nps"]["by"] = {}
        for field in BY:
            groups = table.loc[nps, field].astype("string")
            names = groups.dropna().unique()
            if 2 <= len(names) <= MAX_GROUPS:
                rows = [{"name": str(g), **_nps(score[nps][(groups == g).fillna(False)
                                                           .to_numpy()])}
                        for g in sorted(names)]
                out["nps"]["by"][field] = [{k: r[k] for k in ("name", "nps", "answers")}
                                           for r in rows]
    for name, key in ((CSAT, "satisfied"), (CES, "easy")):
        mine = (kind == name).fillna(False).to_numpy() & ~np.isnan(score)
        if mine.any():
            out[name] = {key: float((score[mine] >= BANDS[name][1]).mean()),
                         "answers": int(mine.sum())}
    return out


def describe(figures: dict[str, Any]) -> list[str]:
    """The figures in plain sentences, for the report."""
    lines = []
    nps = figures.get("nps")
    if nps:
        lines.append(f"NPS {nps['nps']:+.0f} from {nps['answers']:,} answers "
                     f"({nps['promoters']:.0%} promoters 9-10, {nps['passives']:.0%} "
                     f"passives 7-8, {nps['detractors']:.0%} detractors 0-6)")
        for field, rows in nps.get("by", {}).items():
            shown = ", ".join(f"{r['name']} {r['nps']:+.0f} ({r['answers']:,})" for r in rows)
            lines.append(f"NPS by {field} (answers): {shown}")
    if figures.get(CSAT):
        c = figures[CSAT]
        lines.append(f"CSAT: {c['satisfied']:.0%} satisfied (4-5) of {c['answers']:,} answers")
    if figures.get(CES):
        c = figures[CES]
        lines.append(f"CES: {c['easy']:.0%} found it easy (5-7) of {c['answers']:,} answers")
    return lines
