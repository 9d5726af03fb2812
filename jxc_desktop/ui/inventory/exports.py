"""Writing the documents list (with the filters in force) to xlsx; runs on the worker."""

from __future__ import annotations

from jxc_desktop.engine import listing
from jxc_desktop.engine.reports import Column
from jxc_desktop.engine.reports.output import to_xlsx


def export_documents(path: str, search: str, filters: dict) -> int:
    """Every listed document as a row, choice columns as their labels; returns the count."""
    spec = listing.get_spec("documents")
    columns = [
        Column(c.key, c.zh, c.en, c.kind if c.kind != "choice" else "text") for c in spec.columns
    ]
    rows = []
    for row in listing.iter_rows("documents", "number", search, filters):
        for c in spec.columns:
            if c.choices:
                row[c.key] = c.display(row.get(c.key))
        rows.append(row)
    to_xlsx(columns, rows, path, spec.title)
    return len(rows)
