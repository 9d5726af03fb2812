"""Filling the finance tab's read-only tables the way an accountant reads them:
amounts right-aligned with thousands separators, text columns as wide as their text."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from jxc_desktop.engine.reports import Column
from jxc_desktop.engine.reports.output import display_value

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
NUMERIC = {"money", "qty", "price", "rate", "int"}
MAX_TEXT_WIDTH = 520  # a long 摘要 is cut in the view rather than pushing amounts off-screen
MONEY_SAMPLE = "-999,999,999.99"


def read_only(table: QTableWidget) -> None:
    """No editing, whole-row selection, no row numbers (行次 is a column of its own)."""
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    table.setWordWrap(False)


def fill(table: QTableWidget, columns: list[Column], rows: list[dict]) -> None:
    """Replaces the table's contents with report rows, formatted for display."""
    table.clear()
    table.setColumnCount(len(columns))
    table.setRowCount(len(rows))
    table.setHorizontalHeaderLabels([c.label for c in columns])
    for r, row in enumerate(rows):
        for c, column in enumerate(columns):
            cell = QTableWidgetItem(display_value(column, row.get(column.key)))
            if column.kind in NUMERIC:
                cell.setTextAlignment(RIGHT)
            table.setItem(r, c, cell)
    fit_columns(table, columns)


def fit_columns(table: QTableWidget, columns: list[Column]) -> None:
    """Every column as wide as its widest cell (long text capped); amount columns at
    least as wide as a hundred million, so a statement's columns all line up alike."""
    header = table.horizontalHeader()
    header.setStretchLastSection(False)  # a stretched amount column floats off to the right
    table.resizeColumnsToContents()
    money_width = table.fontMetrics().horizontalAdvance(MONEY_SAMPLE) + 24
    for c, column in enumerate(columns):
        width = table.columnWidth(c)
        if column.kind == "money":
            table.setColumnWidth(c, max(width, money_width))
        elif width > MAX_TEXT_WIDTH:
            table.setColumnWidth(c, MAX_TEXT_WIDTH)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
