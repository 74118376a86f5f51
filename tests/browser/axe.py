"""axe-core (Deque's accessibility engine, bundled as `data/axe.min.js`) run in a real page.

The engine is version 4.14.1 from npm (`npm pack axe-core`), under the MPL 2.0 (its
licence is `data/axe-LICENSE.txt`); it is injected into the page with Playwright, never
fetched from the internet. Only WCAG 2.0, 2.1 and 2.2 rules at levels A and AA are run,
so a finding is always a failure of the standard the kit claims.

Findings of impact "minor" or "moderate" that the kit accepts are named, with why, in
`data/axe-accepted.toml`; serious and critical findings are never accepted.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data"
ENGINE = DATA / "axe.min.js"
ACCEPTED = DATA / "axe-accepted.toml"
#: The standard checked: WCAG 2.2 level AA (and so 2.0 and 2.1, levels A and AA).
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
#: Impacts that are never accepted.
BLOCKING = ("serious", "critical")

RUN = """async ([context, tags]) => {
  const result = await axe.run(context || document, {runOnly: {type: 'tag', values: tags},
                                                      resultTypes: ['violations']});
  return result.violations.map(v => ({
    rule: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 160),
                              why: n.failureSummary}))}));
}"""


@dataclass(frozen=True)
class Finding:
    """One rule axe found broken on one screen, with the elements that break it."""

    screen: str
    rule: str
    impact: str
    help: str
    nodes: tuple[str, ...]

    def __str__(self) -> str:
        shown = "\n      ".join(self.nodes[:4])
        more = f" (+{len(self.nodes) - 4} more)" if len(self.nodes) > 4 else ""
        return f"{self.screen}: [{self.impact}] {self.rule}: {self.help}{more}\n      {shown}"


def check(page: Any, screen: str, context: str | None = None) -> list[Finding]:
    """Run axe on `page` (or on the elements `context` selects) and return its findings."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(ENGINE))
    found: list[dict[str, Any]] = page.evaluate(RUN, [context, TAGS])
    return [Finding(screen, f["rule"], f["impact"], f["help"],
                    tuple(f"{n['target']}  {n['html']}  ({n['why']})".replace("\n", " ")
                          for n in f["nodes"]))
            for f in found]


def accepted() -> dict[str, str]:
    """The rules the kit accepts at minor or moderate impact, each with its reason."""
    data = tomllib.loads(ACCEPTED.read_text(encoding="utf-8"))
    return {rule: entry["why"] for rule, entry in data.get("rule", {}).items()}


def not_accepted(findings: list[Finding]) -> list[Finding]:
    """Findings that fail the check: every serious or critical one, and minor or moderate
    ones of a rule the accepted list does not name."""
    ok = accepted()
    return [f for f in findings if f.impact in BLOCKING or f.rule not in ok]
