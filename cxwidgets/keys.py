"""Facilitator tokens remembered on the facilitator's own machine.

The store keeps only a hash of each token, so a token cannot be read back from it. When
the CLI or a notebook creates a workshop, the token is also written to a keys file
(readable by its owner only), so `make run` and the facilitator notebook can reopen the
workshop without the token being pasted around. For a store file the keys sit beside it;
for a database server they sit in the user's configuration folder, under a name derived
from the server and database (never from the password).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from cxwidgets.atomic import write_atomic
from cxwidgets.resources import user_config_dir
from cxwidgets.store import Created, is_url, to_url
from cxwidgets.store.backend import where


def keys_path(db: str | Path) -> Path:
    if is_url(db) and not str(db).startswith("sqlite"):
        name = hashlib.sha256(where(to_url(db)).encode("utf-8")).hexdigest()[:16]
        return user_config_dir() / "keys" / f"{name}.json"
    text = str(db).removeprefix("sqlite:///")
    return Path(text + ".keys.json")


def remember(db: str | Path, created: Created) -> None:
    path = keys_path(db)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    data = recall_all(db)
    data[created.id] = created.token
    write_atomic(path, json.dumps(data, indent=2), mode=0o600)


def recall_all(db: str | Path) -> dict[str, str]:
    path = keys_path(db)
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def recall(db: str | Path, workshop_id: str) -> str | None:
    return recall_all(db).get(workshop_id)
