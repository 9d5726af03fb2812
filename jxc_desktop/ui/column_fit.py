"""Columns of words sized to the words they hold (reports and document lists).

A column as wide as its longest word within FIT_LIMIT, and never narrower than its
heading: a document number is shown whole ("QCKC20260801-0001", not "QCKC20260801-00…")
and an empty 外部单号 gives its width back to the columns that have something to say.
Only a sample of rows is measured (FIT_SAMPLE), so a 150,000-row report costs no more
than a short one, and a paged list measures only the page it already holds.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QTableView

# a very long item name is cut (its tooltip has it) rather than push the figures away
FIT_LIMIT = 360  # px
FIT_SAMPLE = 2000  # the rows measured
CELL_MARGIN = 14  # the cell's own left and right padding


def fitted_width(
    table: QTableView,
    column: int,
    texts: Iterable[str],
    bold: Iterable[str] = (),
    limit: int = FIT_LIMIT,
) -> int:
    """The width column `column` of `table` needs for `texts` (and `bold`, the texts
    of rows shown in bold): at least its heading, at most `limit` unless the heading
    itself is wider."""
    heavy = QFont(table.font())
    heavy.setBold(True)
    widest = max(_widest(QFontMetrics(table.font()), texts), _widest(QFontMetrics(heavy), bold))
    heading = table.horizontalHeader().sectionSizeFromContents(column).width()
    return max(heading, min(widest + CELL_MARGIN, limit))


def _widest(metrics: QFontMetrics, texts: Iterable[str]) -> int:
    return max((metrics.horizontalAdvance(t) for t in set(texts) if t), default=0)


def fit_column(
    table: QTableView,
    column: int,
    texts: Iterable[str],
    bold: Iterable[str] = (),
    limit: int = FIT_LIMIT,
) -> None:
    """Sets column `column` to fitted_width (see above)."""
    table.setColumnWidth(column, fitted_width(table, column, texts, bold, limit))
