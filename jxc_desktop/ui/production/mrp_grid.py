"""The MRP results grid: a Qt model over the planned orders of one run.

A year of small lots is about 400,000 planned orders; a QTableWidget would build four
million items before showing the first row. The model keeps the engine's PlannedOrder
list and formats a row only when the view paints it (a bounded cache); pegging is
worked out only for the order the clerk selects. Uniform row heights and no
resize-to-contents, so scrolling to the last order costs what the first one does.
Orders that should already have been released are red, with the reason as tooltip.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from jxc_desktop.engine.i18n import tr
from jxc_desktop.ui.paged_model import RIGHT_ALIGNED, format_value

PAST_DUE = QColor(200, 0, 0)
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CACHE_ROWS = 2000  # formatted rows kept; a screen shows a few dozen


def kind_label(kind: str) -> str:
    labels = {
        "purchase": tr("采购", "Purchase"),
        "production": tr("生产", "Production"),
        "outsourcing": tr("委外", "Outsourcing"),
    }
    return labels.get(kind, kind)


def planned_row(order) -> dict:
    """A planned order as a dict (as `jxc mrp run` gives it) with the item's name, the
    kind in words, the need, the safety-stock part and what the lot rule and whole
    purchase units added."""
    row = order.as_row()
    row["name"] = order.item.name
    row["kind_label"] = kind_label(order.kind)
    row["net"] = order.net
    row["safety"] = order.safety
    row["lot_extra"] = order.qty - order.net  # rounded up by the lot-size rule
    row["unit_extra"] = order.order_qty - order.qty  # whole purchase units
    return row


def late_reason(release: dt.date, today: dt.date) -> str:
    """Why a planned order is painted red: its release date has already passed."""
    if release >= today:
        return ""
    return tr(
        "下达日期 {d} 已过：提前期不足，请立即下达或调整需求日期",
        "The release date {d} has passed: not enough lead time, release now or move the due date",
        d=release.isoformat(),
    )


def _cell_values(order) -> dict:
    """What the grid shows of an order (no pegging: that is read when selected)."""
    return {
        "item": order.item.code,
        "name": order.item.name,
        "kind_label": kind_label(order.kind),
        "net": order.net,
        "qty": order.qty,
        "unit": order.item.base_unit.name,
        "purchase_qty": order.purchase_qty,
        "purchase_unit": order.purchase_unit,
        "order_qty": order.order_qty,
        "release_date": order.release_date,
        "due_date": order.due_date,
    }


def matching(orders: list, text: str) -> list:
    """The orders whose item code or name contains the text (any case); all when empty.
    Items are tested once each, not once per order."""
    text = text.strip().lower()
    if not text:
        return orders
    items = {o.item.id: o.item for o in orders}
    wanted = {i for i, it in items.items() if text in it.code.lower() or text in it.name.lower()}
    return [o for o in orders if o.item.id in wanted]


def count_text(shown: int, total: int) -> str:
    if shown == total:
        return tr("计划订单 {n} 条", "{n} planned orders", n=f"{total:,}")
    return tr("计划订单 {n} / {m} 条", "{n} of {m} planned orders", n=f"{shown:,}", m=f"{total:,}")


# what a click on a column header sorts by (ties keep the run's order: code, due date)
SORT_KEYS = {
    "item": lambda o: o.item.code,
    "name": lambda o: o.item.name,
    "kind_label": lambda o: o.kind,
    "net": lambda o: o.net_units,
    "qty": lambda o: o.units,
    "unit": lambda o: o.item.base_unit.name,
    "purchase_qty": lambda o: o.purchase_qty,
    "purchase_unit": lambda o: o.purchase_unit,
    "order_qty": lambda o: o.order_qty,
    "release_date": lambda o: o.release_day,
    "due_date": lambda o: o.due_day,
}


class PlannedRows(Sequence):
    """rows[i] = planned_row(orders[i]), built when asked for."""

    def __init__(self, orders: list):
        self.orders = orders

    def __len__(self) -> int:
        return len(self.orders)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [planned_row(o) for o in self.orders[i]]
        return planned_row(self.orders[i])


class MrpOrdersModel(QAbstractTableModel):
    """Columns are (key, header[, kind]); rows are PlannedOrders, formatted on demand."""

    def __init__(self, columns: list[tuple], parent=None):
        super().__init__(parent)
        self.keys = [c[0] for c in columns]
        self.kinds = [c[2] if len(c) > 2 else "" for c in columns]
        self.headers = [c[1] for c in columns]
        self.orders: list = []
        self.today = dt.date.today()
        self._cache: dict[int, tuple[list[str], str]] = {}

    def set_orders(self, orders: list) -> None:
        self.beginResetModel()
        self.orders, self.today, self._cache = list(orders), dt.date.today(), {}
        self.endResetModel()

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        """Sorts the orders in place (stable); column −1 keeps the run's order."""
        key = SORT_KEYS.get(self.keys[column]) if 0 <= column < len(self.keys) else None
        if key is None:
            return
        self.beginResetModel()
        self.orders.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
        self._cache = {}
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.orders)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.keys)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def texts(self, row: int) -> tuple[list[str], str]:
        """(cell texts, late reason) of a row, formatted once while it is in the cache."""
        got = self._cache.get(row)
        if got is None:
            if len(self._cache) >= CACHE_ROWS:
                self._cache.clear()
            order = self.orders[row]
            values = _cell_values(order)
            cells = [
                format_value(values[k], kind) for k, kind in zip(self.keys, self.kinds, strict=True)
            ]
            got = self._cache[row] = (cells, late_reason(order.release_date, self.today))
        return got

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.texts(index.row())[0][index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(RIGHT) if self.kinds[index.column()] in RIGHT_ALIGNED else None
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(PAST_DUE) if self.texts(index.row())[1] else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.texts(index.row())[1] or None
        return None


class Cell:
    """One cell as the view shows it (what a QTableWidgetItem would answer)."""

    def __init__(self, model: MrpOrdersModel, row: int, column: int):
        self._index = model.index(row, column)

    def _role(self, role):
        return self._index.data(role)

    def text(self) -> str:
        return self._role(Qt.ItemDataRole.DisplayRole) or ""

    def toolTip(self) -> str:
        return self._role(Qt.ItemDataRole.ToolTipRole) or ""

    def foreground(self) -> QBrush:
        return self._role(Qt.ItemDataRole.ForegroundRole) or QBrush()

    def textAlignment(self):
        value = self._role(Qt.ItemDataRole.TextAlignmentRole)
        return Qt.AlignmentFlag(value or 0)


class Header:
    """A column header's text (what a QTableWidget's header item would answer)."""

    def __init__(self, text: str):
        self._text = text

    def text(self) -> str:
        return self._text


class MrpGrid(QTableView):
    """The planned orders of a run; `itemSelectionChanged` when the selection moves."""

    itemSelectionChanged = Signal()

    def __init__(self, columns: list[tuple], parent=None):
        super().__init__(parent)
        self.orders_model = MrpOrdersModel(columns, self)
        self.setModel(self.orders_model)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setWordWrap(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the run's order first
        self.setSortingEnabled(True)
        # whole headers and numbers visible; fixed widths, never measured over the rows
        metrics = header.fontMetrics()
        kinds = max(
            self.fontMetrics().horizontalAdvance(kind_label(k))
            for k in ("purchase", "production", "outsourcing")
        )
        for column, title in enumerate(self.orders_model.headers):
            # the kind column: as wide as its longest word too (English "Outsourcing")
            least = kinds + 24 if column == 2 else 96
            width = max(metrics.horizontalAdvance(title) + 24, least)
            self.setColumnWidth(column, 160 if column == 1 else width)
        rows = self.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.selectionModel().selectionChanged.connect(self.itemSelectionChanged)
        self.selectionModel().currentRowChanged.connect(self.itemSelectionChanged)

    def fill(self, orders: list) -> None:
        """Shows the orders, sorted as the header says when the clerk has chosen a column."""
        self.orders_model.set_orders(orders)
        header = self.horizontalHeader()
        self.orders_model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())

    @property
    def orders(self) -> list:
        return self.orders_model.orders

    @property
    def rows(self) -> PlannedRows:
        return PlannedRows(self.orders)

    @property
    def keys(self) -> list[str]:
        return self.orders_model.keys

    def rowCount(self) -> int:
        return self.orders_model.rowCount()

    def columnCount(self) -> int:
        return self.orders_model.columnCount()

    def horizontalHeaderItem(self, column: int) -> Header:
        return Header(self.orders_model.headers[column])

    def item(self, row: int, column: int) -> Cell:
        return Cell(self.orders_model, row, column)

    def current(self) -> dict | None:
        r = self.currentIndex().row()
        return planned_row(self.orders[r]) if 0 <= r < len(self.orders) else None

    def selected(self) -> list[dict]:
        """The selected orders as rows (planned_row)."""
        return [planned_row(o) for o in self.selected_orders()]

    def selected_orders(self) -> list:
        """The selected orders, read from the selection's ranges (select-all of 400,000
        rows is one range, not 400,000 indexes)."""
        rows: set[int] = set()
        for part in self.selectionModel().selection():
            rows.update(range(part.top(), part.bottom() + 1))
        return [self.orders[r] for r in sorted(rows) if r < len(self.orders)]
