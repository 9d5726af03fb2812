"""A lazily paged table model over a list source (the engine's listing API).

Like Anki's browser table it never loads the whole table: it knows the row count and
fetches pages of PAGE_SIZE rows when a view asks for a row it does not hold, keeping
at most MAX_PAGES pages (least recently used go first). Sorting and searching are done
by the source in SQL; the model only resets its cache. A page far past the middle is
read from the other end in the opposite order, so jumping to the end of a million rows
costs the same as showing the first page.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Protocol

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from jxc_desktop.engine import money
from jxc_desktop.ui.i18n import tr

PAGE_SIZE = 200
MAX_PAGES = 12

INACTIVE_COLOR = QColor("#8c959f")
RIGHT_ALIGNED = {"money", "qty", "price", "rate", "int", "decimal", "number", "factor"}


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str = "text"


class ListSource(Protocol):
    """What the model needs from the engine: columns, a count and pages of dict rows."""

    columns: list[Column]
    reversible: bool  # True when page(..., not descending) is the exact mirror order

    def count(self, search: str, filters: dict) -> int: ...

    def page(
        self,
        offset: int,
        limit: int,
        sort_key: str | None,
        descending: bool,
        search: str,
        filters: dict,
    ) -> list[dict]: ...


def format_value(value: Any, kind: str) -> str:
    """A cell's text: exact numbers with the product's rules, booleans as 是/否."""
    if value is None:
        return ""
    if isinstance(value, bool) or kind == "bool":
        return tr("是") if value else tr("否")
    if isinstance(value, Decimal):
        if kind == "money":
            return money.format_money(value)
        if kind == "price":
            places = max(2, money.places_of(value))
            return money.format_money(value, places)
        if kind == "rate":
            return money.format_qty(value) + "%"
        return money.format_qty(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


class PagedTableModel(QAbstractTableModel):
    """Rows fetched by page on demand; at most MAX_PAGES pages held."""

    def __init__(self, source: ListSource, parent=None, page_size: int = PAGE_SIZE):
        super().__init__(parent)
        self.source = source
        self.page_size = page_size
        self.search = ""
        self.sort_key: str | None = None
        self.descending = False
        self.filters: dict = {}
        self._pages: OrderedDict[int, list[dict]] = OrderedDict()
        self._count = source.count("", {})
        self.fetches = 0  # pages read from the source since creation (tests, bench)
        self.on_error: Callable[[Exception], None] | None = None

    # -- Qt model interface -------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.source.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.source.columns[section].label
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        column = self.source.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            row = self.row(index.row())
            return None if row is None else format_value(row.get(column.key), column.kind)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.kind in RIGHT_ALIGNED:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            row = self.row(index.row())
            if row is not None and row.get("active") is False:
                return INACTIVE_COLOR  # deactivated rows stay listed, greyed
        return None

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        self.set_sort(self.source.columns[column].key, order == Qt.SortOrder.DescendingOrder)

    # -- paging -------------------------------------------------------------------------
    def row(self, number: int) -> dict | None:
        """The row dict at a position, reading its page if not held."""
        if not 0 <= number < self._count:
            return None
        page_no, within = divmod(number, self.page_size)
        page = self._pages.get(page_no)
        if page is None:
            page = self._load(page_no)
        else:
            self._pages.move_to_end(page_no)
        return page[within] if within < len(page) else None

    def row_id(self, number: int) -> int | None:
        row = self.row(number)
        return None if row is None else row.get("id")

    def cached_pages(self) -> list[int]:
        return list(self._pages)

    def _load(self, page_no: int) -> list[dict]:
        offset = page_no * self.page_size
        limit = min(self.page_size, self._count - offset)
        try:
            rows = self._fetch(offset, limit)
        except Exception as exc:  # a vanished database must not crash painting
            if self.on_error:
                self.on_error(exc)
            rows = []
        self.fetches += 1
        self._pages[page_no] = rows
        while len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)
        return rows

    def _fetch(self, offset: int, limit: int) -> list[dict]:
        mirrored = self._count - offset - limit
        if self.source.reversible and mirrored < offset:
            rows = self.source.page(
                mirrored, limit, self.sort_key, not self.descending, self.search, self.filters
            )
            return rows[::-1]
        return self.source.page(
            offset, limit, self.sort_key, self.descending, self.search, self.filters
        )

    # -- changes ------------------------------------------------------------------------
    def set_sort(self, key: str | None, descending: bool) -> None:
        self.sort_key, self.descending = key, descending
        self.refresh()

    def set_search(self, text: str) -> None:
        self.search = text.strip()
        self.refresh()

    def set_filter(self, key: str, value) -> None:
        """A filter the source knows (e.g. active, category); None removes it."""
        if value is None:
            self.filters.pop(key, None)
        else:
            self.filters[key] = value
        self.refresh()

    def refresh(self) -> None:
        """Forgets every page and re-counts (after a change or a new search)."""
        try:
            count = self.source.count(self.search, self.filters)
        except Exception as exc:
            count = 0
            if self.on_error:
                self.on_error(exc)
        self.show_counted(self.search, count)

    def show_counted(self, search: str, count: int) -> None:
        """Shows a search whose rows were counted elsewhere (e.g. on the worker thread)."""
        self.beginResetModel()
        self.search = search
        self._pages.clear()
        self._count = count
        self.endResetModel()
