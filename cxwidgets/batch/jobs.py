"""Which reports a bank holds: one job per segment and product, from the command line or YAML.

Pure data and parsing; nothing here runs a notebook or touches the bank's folder.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from cxwidgets.exceptions import ParameterError


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "x"


@dataclass(frozen=True)
class Job:
    """One report to make: a segment and a product ("all" for every value)."""

    segment: str
    product: str = "all"

    @property
    def name(self) -> str:
        """The job's folder in the bank; also names its task on a cluster."""
        return f"{slug(self.segment)}__{slug(self.product)}"

    @property
    def title(self) -> str:
        """What a reader calls the report: "Students · Family box", "All segments · all
        products" (never "all · all")."""
        return title_of(self.segment, self.product)


def title_of(segment: str, product: str) -> str:
    """A report's title from its segment and product ("all": every value)."""
    return (f"{'All segments' if segment.casefold() == 'all' else segment} · "
            f"{'all products' if product.casefold() == 'all' else product}")


def jobs_from(segments: Iterable[str] = (), products: Iterable[str] = ()) -> list[Job]:
    """Every segment with every product (just "all" when no product is named)."""
    products = list(products) or ["all"]
    return [Job(s, p) for s in segments for p in products]


def jobs_from_yaml(path: Path) -> list[Job]:
    """Jobs from a YAML file: `jobs: [{segment, product}]` and/or `segments:` x `products:`."""
    import yaml  # lazy: PyYAML, only for a jobs file

    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except OSError as exc:
        raise ParameterError(f"cannot read the job list {path}: {exc.strerror}") from exc
    except yaml.YAMLError as exc:
        raise ParameterError(f"the job list {path} is not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise ParameterError(f"the job list {path} must be a mapping with 'jobs' or "
                             "'segments' (and optionally 'products')")
    jobs = []
    for n, item in enumerate(data.get("jobs") or [], start=1):
        if not isinstance(item, dict) or not isinstance(item.get("segment"), str):
            raise ParameterError(f"{path}: job {n} needs a 'segment' (text)")
        jobs.append(Job(item["segment"], str(item.get("product", "all"))))
    jobs += jobs_from([str(s) for s in data.get("segments") or []],
                      [str(p) for p in data.get("products") or []])
    if not jobs:
        raise ParameterError(f"{path} lists no jobs: give 'jobs' or 'segments'")
    return jobs
