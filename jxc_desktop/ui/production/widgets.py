"""Small helpers of the production tab: a read-only table filled from row dicts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from jxc_desktop.engine import money


def cell_text(value) -> str:
    if isinstance(value, Decimal):
        return money.format_qty(value) if value == value.to_integral_value() else f"{value:f}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return "" if value is None else str(value)


class RowsTable(QTableWidget):
    """Columns are (key, header); `fill(rows)` shows a list of dicts."""

    def __init__(self, columns: list[tuple[str, str]], parent=None):
        super().__init__(0, len(columns), parent)
        self.keys = [k for k, _ in columns]
        self.setHorizontalHeaderLabels([h for _, h in columns])
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.horizontalHeader().setStretchLastSection(True)
        self.rows: list[dict] = []

    def fill(self, rows: list[dict]) -> None:
        self.rows = list(rows)
        self.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            for c, key in enumerate(self.keys):
                self.setItem(r, c, QTableWidgetItem(cell_text(row.get(key))))

    def current(self) -> dict | None:
        r = self.currentRow()
        return self.rows[r] if 0 <= r < len(self.rows) else None

    def selected(self) -> list[dict]:
        rows = sorted({i.row() for i in self.selectedIndexes()})
        return [self.rows[r] for r in rows if r < len(self.rows)]
