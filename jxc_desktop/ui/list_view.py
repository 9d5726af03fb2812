"""A searchable list over the paged model: a search box, a table and a count.

The table never resizes columns to their contents (that reads every row): widths come
from each column's kind, and rows have one fixed height. A page may ask for some columns
to be fitted to their words (`fit_columns`); only the first page, the one already read
for the screen, is measured.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from jxc_desktop.ui.column_fit import fit_column
from jxc_desktop.ui.i18n import tr
from jxc_desktop.ui.ops import Ops
from jxc_desktop.ui.paged_model import PAGE_SIZE, ListSource, PagedTableModel, format_value

KIND_WIDTHS = {"bool": 60, "int": 90, "qty": 100, "rate": 70, "money": 110, "price": 110}
KEY_WIDTHS = {
    "code": 120,
    "name": 200,
    "spec": 120,
    "barcode": 130,
    "address": 240,
    "tax_number": 175,
    "phone": 110,
    "contact": 80,
    "category": 110,
    "base_unit": 70,
    "item_type": 80,
    "valuation_method": 120,
    "symbol": 60,
}


class ListView(QWidget):
    activated = Signal(int)  # a row number was double-clicked / Enter pressed

    def __init__(self, source: ListSource, parent=None, ops: Ops | None = None):
        super().__init__(parent)
        self.ops = ops
        self.search = QLineEdit()
        self.search.setObjectName("listSearch")
        self.search.setPlaceholderText(tr("搜索：编码开头 / 名称包含 / 条码（回车）"))
        self.search.setClearButtonEnabled(True)
        self.hide_inactive = QCheckBox(tr("隐藏停用"))
        self.hide_inactive.setObjectName("hideInactive")
        self.hide_inactive.toggled.connect(
            lambda on: self.model.set_filter("active", True if on else None)
        )
        self.count_label = QLabel()
        self.count_label.setObjectName("listCount")
        self.table = QTableView()
        self.table.setObjectName("listTable")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setSortIndicatorShown(True)
        header.setSectionsClickable(True)
        header.sortIndicatorChanged.connect(self._sort)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        self.filter_row = top  # pages add their own filters (e.g. category) here
        top.addWidget(self.hide_inactive)
        top.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        # Typing searches after a short pause; Enter searches at once.
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(300)
        self._debounce.timeout.connect(self.apply_search)
        self.search.textEdited.connect(lambda _t: self._debounce.start())
        self.search.returnPressed.connect(self.apply_search)
        # Double-click or Enter (the platform's "activate") opens the row.
        self.table.activated.connect(lambda index: self.activated.emit(index.row()))
        self.model: PagedTableModel | None = None
        self.fit_keys: tuple[str, ...] = ()
        self.set_source(source)

    def set_source(self, source: ListSource) -> None:
        old = self.model
        self.model = PagedTableModel(source, self)
        self.table.setModel(self.model)
        self.table.setSortingEnabled(False)  # sorting is asked of SQL, on header clicks
        header = self.table.horizontalHeader()
        header.blockSignals(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.blockSignals(False)
        for column, spec in enumerate(source.columns):
            width = KEY_WIDTHS.get(spec.key) or KIND_WIDTHS.get(spec.kind, 120)
            self.table.setColumnWidth(column, width)
        self.model.modelReset.connect(self.update_count)
        self.model.modelReset.connect(self._fit_words)
        self.search.clear()
        self.hide_inactive.blockSignals(True)
        self.hide_inactive.setChecked(False)
        self.hide_inactive.blockSignals(False)
        self.hide_inactive.setVisible(getattr(source, "has_filter", lambda _k: False)("active"))
        self.update_count()
        self._fit_words()
        if old is not None:
            old.deleteLater()

    def fit_columns(self, keys: tuple[str, ...]) -> None:
        """Columns `keys` as wide as their words on the first page (ui/column_fit.py),
        after every search, filter or refresh: document numbers whole, an empty 外部单号
        no wider than its heading."""
        self.fit_keys = tuple(keys)
        self._fit_words()

    def _fit_words(self) -> None:
        if not self.fit_keys or self.model is None:
            return
        shown = min(self.model.rowCount(), PAGE_SIZE)
        rows = [row for row in map(self.model.row, range(shown)) if row is not None]
        for i, spec in enumerate(self.model.source.columns):
            if spec.key in self.fit_keys:
                texts = [format_value(row.get(spec.key), spec.kind) for row in rows]
                fit_column(self.table, i, texts)

    def _sort(self, column: int, order: Qt.SortOrder) -> None:
        if self.model is not None and 0 <= column < self.model.columnCount():
            self.model.sort(column, order)

    def apply_search(self) -> None:
        """Searches in SQL; with an Ops helper the count runs on the worker thread, so
        a "name contains" scan of a million rows never freezes the window."""
        self._debounce.stop()
        text = self.search.text().strip()
        if self.model.search == text:
            return
        if self.ops is None:
            self.model.set_search(text)
            return
        model, filters = self.model, dict(self.model.filters)
        self.ops.run_in_background(
            lambda _progress, _stop: model.source.count(text, filters),
            title=tr("正在搜索……"),
            parent=self,
            on_success=lambda count: self._searched(model, text, filters, count),
        )

    def _searched(self, model: PagedTableModel, text: str, filters: dict, count: int) -> None:
        current = self.search.text().strip()
        if model is self.model and filters == model.filters and current == text:
            model.show_counted(text, count)
        elif model is self.model and current != model.search:
            self.apply_search()  # the text changed meanwhile: search again

    def refresh(self) -> None:
        """Re-reads the list, keeping the scroll position and the selected row number."""
        bar = self.table.verticalScrollBar()
        position, current = bar.value(), self.table.currentIndex()
        self.model.refresh()
        bar.setValue(min(position, bar.maximum()))
        if current.isValid() and current.row() < self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(current.row(), current.column()))

    def update_count(self) -> None:
        self.count_label.setText(tr("共 {n} 条").format(n=f"{self.model.rowCount():,}"))

    def current_row(self) -> dict | None:
        index = self.table.currentIndex()
        return self.model.row(index.row()) if index.isValid() else None

    def select_row(self, number: int) -> None:
        index = self.model.index(number, 0)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
