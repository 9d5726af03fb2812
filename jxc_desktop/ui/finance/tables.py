"""Filling the finance tab's read-only tables the way an accountant reads them:
amounts right-aligned with thousands separators, text columns as wide as their text."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from jxc_desktop.engine.reports import Column
from jxc_desktop.engine.reports.display import is_summary
from jxc_desktop.engine.reports.output import display_value
from jxc_desktop.ui.inventory.report_view import SUMMARY_BRUSH

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
    bold = QFont(table.font())
    bold.setBold(True)
    for r, row in enumerate(rows):
        summary = is_summary(row)  # a display row (the cash-flow statement's headings)
        for c, column in enumerate(columns):
            cell = QTableWidgetItem(display_value(column, row.get(column.key)))
            if column.kind in NUMERIC:
                cell.setTextAlignment(RIGHT)
            if summary:
                cell.setFont(bold)
                cell.setBackground(SUMMARY_BRUSH)
            table.setItem(r, c, cell)
    fit_columns(table, columns)


def fit_columns(table: QTableWidget, columns: list[Column]) -> None:
    """Every column as wide as its widest cell (long text capped); amount columns at
    least as wide as a hundred million, so a statement's columns all line up alike."""
    header = table.horizontalHeader()
    header.setStretchLastSection(False)  # a stretched amount column floats off to the right
    table.resizeColumnsToContents()
    for c in range(len(columns)):
        if table.columnWidth(c) > MAX_TEXT_WIDTH:
            table.setColumnWidth(c, MAX_TEXT_WIDTH)
    at_least(table, {c: MONEY_SAMPLE for c, col in enumerate(columns) if col.kind == "money"})
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)


def at_least(table, samples: dict[int, str]) -> None:
    """Widens columns to hold their sample text (a date, an amount) even when the rows on
    show are shorter, so the columns do not jump about from one query to the next."""
    metrics = table.fontMetrics()
    for column, sample in samples.items():
        wide = metrics.horizontalAdvance(sample) + 24  # the cell's padding
        if table.columnWidth(column) < wide:
            table.setColumnWidth(column, wide)
