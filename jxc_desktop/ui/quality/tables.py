"""Read-only tables of the 质检 tab: figures formatted by their column kind and
right-aligned, one name column stretched, the others sized to their contents.

Columns are the reports' `Column(key, zh, en, kind)`, so a report's table and the lists
of the tab show numbers the same way (money to the fen with thousands separators,
quantities without trailing zeros, rates as percentages).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from jxc_desktop.engine import money
from jxc_desktop.engine.reports import Column

NUMERIC = {"money", "qty", "price", "rate", "int", "score"}
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
MAX_WIDTH = 320  # a long text column never pushes the figures out of sight
# rows a reminder wants noticed: by the value of their `status` key
STATUS_COLORS = {"expired": QColor(178, 34, 34), "expiring": QColor(184, 110, 0)}


def _price_text(value: Decimal) -> str:
    """A unit price: at least the fen, more places only when the price has them."""
    exact = money.quantize(money.D(value), 6).normalize()
    places = max(2, -exact.as_tuple().exponent)
    return f"{money.quantize(exact, places):,.{places}f}"


def display_text(kind: str, value) -> str:
    """How a value of a column kind reads on screen."""
    if value is None or value == "":
        return ""
    if kind == "money":
        return money.format_money(value)
    if kind == "qty":
        text = money.format_qty(value)
        return f"{Decimal(text):,f}"
    if kind == "price":
        return _price_text(value)
    if kind == "rate":
        return f"{money.quantize(money.D(value), 2):,.2f}%"
    if kind == "score":
        return f"{money.quantize(money.D(value), 1):.1f}"
    if kind == "int":
        return f"{int(value):,}"
    if kind == "bool":
        return "✓" if value else ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


class QualityTable(QTableWidget):
    """`fill(rows)` shows a list of dicts; `rows` keeps them for the caller."""

    def __init__(self, columns: list[Column], stretch: str | None = None, parent=None):
        super().__init__(0, len(columns), parent)
        self.columns = columns
        self.keys = [c.key for c in columns]
        self.stretch = stretch
        self.rows: list[dict] = []
        self.setHorizontalHeaderLabels([c.label for c in columns])
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().hide()  # row numbers say nothing here and cost width
        self.verticalHeader().setDefaultSectionSize(26)
        header = self.horizontalHeader()
        header.setStretchLastSection(False)
        for n, c in enumerate(columns):
            if c.kind in NUMERIC:
                self.horizontalHeaderItem(n).setTextAlignment(RIGHT)
        self._size_columns()

    def fill(self, rows: list[dict]) -> None:
        self.rows = list(rows)
        self.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            color = STATUS_COLORS.get(row.get("status"))
            for c, column in enumerate(self.columns):
                text = display_text(column.kind, row.get(column.key))
                item = QTableWidgetItem(text)
                if color is not None:
                    item.setForeground(QBrush(color))
                if column.kind in NUMERIC:
                    item.setTextAlignment(RIGHT)
                elif text:
                    item.setToolTip(text)  # the full text of an elided cell
                self.setItem(r, c, item)
        self._size_columns()

    def _size_columns(self) -> None:
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.resizeColumnsToContents()
        for n, key in enumerate(self.keys):
            if key == self.stretch:
                header.setSectionResizeMode(n, QHeaderView.ResizeMode.Stretch)
            elif self.columnWidth(n) > MAX_WIDTH:
                self.setColumnWidth(n, MAX_WIDTH)

    def hide_keys(self, *keys: str) -> None:
        """Hides columns the user does not need to read (codes next to their names)."""
        for key in keys:
            if key in self.keys:
                self.setColumnHidden(self.keys.index(key), True)

    def content_width(self) -> int:
        """The width that shows every visible column whole (for a splitter's first size)."""
        header = self.horizontalHeader()
        widths = 0
        for n in range(self.columnCount()):
            if not self.isColumnHidden(n):
                widths += max(header.sectionSizeHint(n), self.sizeHintForColumn(n))
        return widths + self.verticalScrollBar().sizeHint().width() + 2 * self.frameWidth()

    def current(self) -> dict | None:
        r = self.currentRow()
        return self.rows[r] if 0 <= r < len(self.rows) else None
