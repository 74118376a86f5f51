"""Write a store as one release of cxwidgets writes it, for every later release to open.

Run with the release whose store it is, from the repository's root:

    python tests/store/golden/make_golden_store.py tests/store/golden/<release>

It writes into that folder:

- `workshops.sqlite`: a SQLite store made through the kit's own API (`Store`, `Editor`,
  the sample, the rooms' merge) holding three kinds of workshop: a room run live (every
  event kind: the workshop created and updated, entries added, changed and removed, an
  undo, two named versions; participants seated through the door, a page's presence, a
  validation round answered by two customers), the sample's two-day history, and a
  consensus map merged from two rooms (which are in the store too);
- `workshops.sqlite.keys.json`: the facilitator tokens the kit saved beside it;
- `seats.json`: each seated participant's secret, to come back as them;
- `workshops.pg.sql`: the same rows as a PostgreSQL dump (plain SQL: the release's own
  `CREATE TABLE` statements for PostgreSQL, then the rows), so the PostgreSQL half of the
  test starts from what that release made there;
- `folded/<id>.json` and `folded/<id>@<version slug>.json`: every workshop, now and at each
  named version, as that release folds it.

`tests/store/test_golden.py` opens both stores with the current code (upgrading them)
and compares every workshop with these files. Nothing here may use an API newer than the
release it is run with; the store's contents are what count, not this script.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import sys
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

from cxwidgets import keys
from cxwidgets.method.steps import step
from cxwidgets.rooms.merge import merge_workshops
from cxwidgets.rooms.sample_rooms import three_rooms
from cxwidgets.sample import create_sample, load_sample_workshop
from cxwidgets.store import Editor, Store
from cxwidgets.store.door import Page
from cxwidgets.store.tables import metadata

DAY = dt.date(2025, 3, 14)


def live_room(store: Store, db: Path) -> tuple[str, dict[str, list[str]]]:
    """A room run through the editor: every event kind, seats, presence, a validation
    round answered by customers, two named versions."""
    created = store.create_workshop("Claims journey", scope="Home insurance")
    keys.remember(db, created)
    fac = Editor.facilitator(store, created.id, created.token)
    fac.update_workshop(customer_purpose="Settle a claim without chasing us",
                        dates=[DAY.isoformat()], next_review="2025-09-01", dot_budget=3)
    page = Page()
    ana = Editor.join(store, created.join_code, "Ana Łukasiewicz", "support", "Blue",
                      page=page)
    ben = Editor.join(store, created.join_code, "Ben O'Hara", "it", "Green")
    ana.note_presence()
    fac.open_step(step(3).key)
    persona = fac.add("personas", {"name": "Priya, first claim", "goals": ["Be paid fast"]})
    fac.open_step(step(5).key)
    report = fac.add("stages", {"name": "Report", "order": 1})
    settle = fac.add("stages", {"name": "Settlement", "order": 2})
    fac.open_step(step(4).key)
    form = ana.add("touchpoints", {"name": "Online claim form", "stage_id": report})
    call = ben.add("touchpoints", {"name": "Call centre", "channel": "phone",
                                   "stage_id": report})
    payout = fac.add("touchpoints", {"name": "Payout email", "channel": "email",
                                     "stage_id": settle})
    stray = ben.add("touchpoints", {"name": "Fax, really?", "stage_id": report})
    ben.remove("touchpoints", stray)
    ana.update("touchpoints", form, description="Asks the policy number twice")
    fac.open_step(step(6).key)
    ana.add("emotions", {"touchpoint_id": form, "score": -2, "word": "maddening",
                         "persona_id": persona})
    ben.add("emotions", {"touchpoint_id": call, "score": 1, "word": "kind"})
    fac.open_step(step(7).key)
    pain = ana.add("pain_points", {"touchpoint_id": form, "text": "Policy number asked twice",
                                   "evidence": ["Survey: 41% mention it"]})
    ben.add("pain_points", {"touchpoint_id": call, "text": "Hold music for 20 minutes"})
    ben.undo()  # takes back his pain point
    fac.open_step(step(8).key)
    idea = ben.add("opportunities", {"touchpoint_id": form, "text": "Prefill from the policy",
                                     "pain_id": pain})
    fac.tag_version("as-is", "as_is", "End of day 1")
    fac.open_step(step(11).key)
    ben.add("comments", {"target_id": payout, "text": "Say when the money arrives",
                         "proposed": "Payout email with the date"})
    fac.open_step(step(12).key)
    ana.add("votes", {"target_id": idea})
    ben.add("votes", {"target_id": pain})
    fac.open_step(step(13).key)
    action = fac.add("actions", {"title": "Prefill the claim form", "owner": "Claims IT",
                                 "due": "2025-06-30", "linked_ids": [idea]})
    ana.add("volunteers", {"action_id": action, "note": "I can test it with callers"})
    fac.open_step(step(15).key)
    fac.add("goals", {"title": "Claims paid in a week", "kpi": "days to payout"})
    fac.hide_votes(True)
    fac.tag_version("to-be", "to_be", "After the review")
    fac.open_step(step(14).key)
    round_id = fac.open_round("Does this happen to you?", [form, call, payout],
                              closes=dt.date.today() + dt.timedelta(days=30), version="to-be",
                              consent="Answers are kept for a year")
    code = next(r.code for r in store.state(created.id).rounds if r.id == round_id)
    for feeling, comment in ((-2, "I typed my policy number three times"), (1, "")):
        customer = Editor.customer(store, created.id, code)
        customer.answer(form, feeling, "yes", comment, today=DAY)
        customer.answer(call, None, "never", today=DAY)
    fac.close_round(round_id)
    return created.id, {ana.author: [ana.secret], ben.author: [ben.secret]}


def merged_rooms(store: Store, db: Path) -> list[str]:
    """Two rooms of the sample's journey in the store, and their consensus map."""
    rooms = three_rooms(load_sample_workshop())[:2]
    ids = []
    for room in rooms:
        created = store.import_workshop(room)
        keys.remember(db, created)
        ids.append(created.id)
    merged = merge_workshops(store, [store.state(i) for i in ids], "Meal kits: both rooms")
    keys.remember(db, merged.created)
    return [*ids, merged.created.id]


def slug(name: str) -> str:
    """A version's name as part of a file name: letters and digits, the rest '-'."""
    return re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-")


def write_folded(store: Store, folder: Path) -> None:
    folded = folder / "folded"
    shutil.rmtree(folded, ignore_errors=True)
    folded.mkdir()
    for info in store.list_workshops():
        workshop = store.state(info.id)
        (folded / f"{info.id}.json").write_text(workshop.to_json() + "\n", encoding="utf-8")
        for version in workshop.versions:
            at = store.version_state(info.id, version.name)
            (folded / f"{info.id}@{slug(version.name)}.json").write_text(
                at.to_json() + "\n", encoding="utf-8")


def pg_dump(db: Path, out: Path) -> None:
    """The store's rows as PostgreSQL SQL: this release's tables, then INSERTs."""
    engine = sa.create_engine(f"sqlite:///{db}")
    dialect = postgresql.dialect(paramstyle="named")  # no '%' doubled in literal text
    lines = ["-- A cxwidgets store as this release makes it on PostgreSQL (plain SQL).",
             "-- Load it into an empty database: psql -f, or any client that runs SQL.",
             "SET client_encoding = 'UTF8';", "SET standard_conforming_strings = on;", ""]
    with engine.connect() as conn:
        for table in metadata.sorted_tables:
            ddl = str(sa.schema.CreateTable(table).compile(dialect=dialect)).strip()
            lines.append(ddl + ";")
            for index in table.indexes:
                lines.append(str(sa.schema.CreateIndex(index).compile(dialect=dialect)) + ";")
            rows = [dict(r._mapping) for r in conn.execute(
                sa.select(table).order_by(*table.primary_key.columns))]
            for start in range(0, len(rows), 200):
                insert = sa.insert(table).values(rows[start:start + 200])
                lines.append(str(insert.compile(
                    dialect=dialect, compile_kwargs={"literal_binds": True})) + ";")
            lines.append("")
    engine.dispose()
    out.write_text("\n".join(lines), encoding="utf-8")


def main(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "workshops.sqlite"
    for old in folder.glob("workshops.sqlite*"):
        old.unlink()
    seats: dict[str, list[str]] = {}
    with Store(db) as store:
        _live, secrets = live_room(store, db)
        seats.update(secrets)
        create_sample(store, db)
        merged_rooms(store, db)
        write_folded(store, folder)
    # one file, no WAL beside it: what is committed is all there is
    engine = sa.create_engine(f"sqlite:///{db}")
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA journal_mode=DELETE")
    engine.dispose()
    (folder / "seats.json").write_text(json.dumps(seats, indent=2) + "\n", encoding="utf-8")
    pg_dump(db, folder / "workshops.pg.sql")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
