"""evidence: customer feedback files in, one canonical feedback table and its metrics out.

Reads CSV, XLSX, JSON, JSON Lines and Parquet exports, maps their columns, checks every
row (each one ends up accepted or rejected with its row number and reason), tags rows
with touchpoints and stages, scores sentiment offline, and computes the metrics the
workshop and the analysts' reports use. Never touches the workshop store or widgets.
"""
