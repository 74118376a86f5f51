"""evidence: customer feedback files in, one canonical feedback table and its metrics out.

Reads CSV, XLSX, JSON, JSON Lines and Parquet exports, maps their columns (given, or
guessed and checked on the values, with the decisions and doubts said out loud), checks
every row (each one ends up accepted, possibly as a volume-only row, or rejected with its
row number and reason), reads scores on their own scales, takes sentiment from the file's
labels or scores before the text model, tags rows with touchpoints and stages, and
computes the metrics the workshop and the analysts' reports use. Never touches the
workshop store or widgets.
"""

#: The modules the rest of the kit uses (the others are how these do their work).
__all__ = ["command", "draft", "encodings", "figures", "folder", "ingest", "mapping",
           "metrics", "pipeline", "quotes", "rule_files", "scales", "suggest", "tagging",
           "worker"]
