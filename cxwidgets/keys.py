"""Facilitator tokens remembered on the facilitator's own machine.

The store keeps only a hash of each token, so a token cannot be read back from it. When
the CLI or a notebook creates a workshop, the token is also written to a keys file
beside the store (readable by its owner only), so `make run` and the facilitator
notebook can reopen the workshop without the token being pasted around.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from cxwidgets.store import Created


def keys_path(db: str | Path) -> Path:
    return Path(str(db) + ".keys.json")


def remember(db: str | Path, created: Created) -> None:
    path = keys_path(db)
    data = recall_all(db)
    data[created.id] = created.token
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, indent=2), encoding="utf-8")
    os.chmod(tmp, 0o600)
    tmp.replace(path)


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
