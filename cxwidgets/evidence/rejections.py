"""The shape of the rejections table: every row a file could not use, and why.

Kept apart from the report that shows it, because the cell checks that fill it sit below
the report (the report reads sentiment, which reads the cells).
"""

from __future__ import annotations

import pandas as pd

#: Columns of the rejections frame.
REJECTION_COLUMNS = ("row", "column", "value", "reason")


def empty_rejections() -> pd.DataFrame:
    """A rejections frame with no rows and the right dtypes."""
    return pd.DataFrame({"row": pd.Series([], dtype="int64"),
                         **{c: pd.Series([], dtype="string") for c in REJECTION_COLUMNS[1:]}})
