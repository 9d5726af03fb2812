"""Small helpers of the production tab: a read-only table filled from row dicts.

A column may name its kind (money / qty / price, as report columns do): money shows
thousands separators and 2 decimals, quantities no trailing zeros; numbers sit right.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from jxc_desktop.engine import money
from jxc_desktop.ui.paged_model import RIGHT_ALIGNED, format_value

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def cell_text(value) -> str:
    if isinstance(value, Decimal):
        return money.format_qty(value) if value == value.to_integral_value() else f"{value:f}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return "" if value is None else str(value)


class RowsTable(QTableWidget):
    """Columns are (key, header) or (key, header, kind); `fill(rows)` shows a list of dicts."""

    def __init__(self, columns: list[tuple], parent=None):
        super().__init__(0, len(columns), parent)
        self.keys = [c[0] for c in columns]
        self.kinds = [c[2] if len(c) > 2 else "" for c in columns]
        self.setHorizontalHeaderLabels([c[1] for c in columns])
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
                self.setItem(r, c, self._cell(row.get(key), self.kinds[c]))

    @staticmethod
    def _cell(value, kind: str) -> QTableWidgetItem:
        number = isinstance(value, (Decimal, int)) and not isinstance(value, bool)
        if isinstance(value, bool) or kind == "bool":  # 是 / 否, never True / False
            text = format_value(value, "bool")
        else:
            text = format_value(value, kind) if kind and number else cell_text(value)
        cell = QTableWidgetItem(text)
        if number or kind in RIGHT_ALIGNED:
            cell.setTextAlignment(RIGHT)
        return cell

    def paint_row(self, r: int, color: QColor, tooltip: str = "") -> None:
        """Colours a row's text and gives every cell the same tooltip (the reason)."""
        for c in range(self.columnCount()):
            cell = self.item(r, c)
            if cell is not None:
                cell.setForeground(QBrush(color))
                cell.setToolTip(tooltip)

    def current(self) -> dict | None:
        r = self.currentRow()
        return self.rows[r] if 0 <= r < len(self.rows) else None

    def selected(self) -> list[dict]:
        rows = sorted({i.row() for i in self.selectedIndexes()})
        return [self.rows[r] for r in rows if r < len(self.rows)]
