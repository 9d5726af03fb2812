"""库存: a navigation list on the left; document lists and stock reports on the right.

Stock query drill-down: 库存查询 row → that item's 出入库明细 → a move → its document.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QSplitter, QStackedWidget, QVBoxLayout

from jxc_desktop.engine import documents
from jxc_desktop.ui.i18n import tr
from jxc_desktop.ui.inventory.alerts_view import AlertsView
from jxc_desktop.ui.inventory.doc_form import DocumentForm
from jxc_desktop.ui.inventory.doc_list import DocumentList
from jxc_desktop.ui.inventory.report_view import ReportView
from jxc_desktop.ui.inventory.stocktake import CreateStocktakeDialog, StocktakeDialog
from jxc_desktop.ui.ops import Ops
from jxc_desktop.ui.pages import TabPage

DOC_KEYS = ["QCKC", "QTRK", "QTCK", "DBD", "PDD", "CBTZ"]
REPORT_KEYS = {"balance": "stock-balance", "ledger": "stock-ledger", "summary": "stock-summary"}


def nav_entries() -> list[tuple[str, str]]:
    return [
        ("QCKC", tr("期初库存")),
        ("QTRK", tr("其他入库")),
        ("QTCK", tr("其他出库")),
        ("DBD", tr("调拨单")),
        ("PDD", tr("盘点单")),
        ("CBTZ", tr("成本调整")),
        ("balance", tr("库存查询")),
        ("ledger", tr("出入库明细")),
        ("summary", tr("收发存汇总")),
        ("alerts", tr("库存预警")),
    ]


class InventoryPage(TabPage):
    def __init__(self, ops: Ops, parent=None):
        super().__init__(parent)
        self.ops = ops
        self.dialog = None  # the open form (tests reach it here)
        self.entries = nav_entries()
        self.views: dict = {}
        self.nav = QListWidget()
        self.nav.setObjectName("inventoryNav")
        self.nav.addItems([label for _key, label in self.entries])
        self.nav.setMinimumWidth(120)
        self.nav.setStyleSheet("QListWidget::item { padding: 6px 8px; }")
        self.stack = QStackedWidget()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.nav)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([140, 1000])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.nav.currentRowChanged.connect(self.select_index)
        self.nav.setCurrentRow(1)  # 其他入库: the everyday one
        ops.changed.connect(self._on_changed)

    # -- navigation -----------------------------------------------------------------------
    def key(self) -> str:
        return self.entries[max(0, self.nav.currentRow())][0]

    def select_index(self, index: int) -> None:
        if index >= 0:
            self.stack.setCurrentWidget(self.view(self.entries[index][0]))

    def select_key(self, key: str):
        self.nav.setCurrentRow(next(i for i, (k, _l) in enumerate(self.entries) if k == key))
        return self.views[key]

    def view(self, key: str):
        """The view for a key, built the first time it is shown."""
        if key not in self.views:
            if key == "alerts":
                view = AlertsView(self.ops)
            elif key in REPORT_KEYS:
                view = ReportView(self.ops, REPORT_KEYS[key])
                view.row_activated.connect(lambda row, k=key: self.drill(k, row))
            else:
                view = DocumentList(self.ops, key)
                view.new_requested.connect(self.new_record)
                view.open_form.connect(self.open_document)
            self.views[key] = view
            self.stack.addWidget(view)
        return self.views[key]

    def show_alerts(self, kind: str = "") -> AlertsView:
        """库存预警 filtered to one kind (the 首页 counts link here)."""
        view = self.view("alerts")
        view.show_kind(kind)  # runs it: showing it then does not run it twice
        self.select_key("alerts")
        return view

    # -- documents ------------------------------------------------------------------------
    def new_record(self):
        key = self.key()
        if key in REPORT_KEYS or key == "alerts":
            return False
        if key == "PDD":
            dialog = CreateStocktakeDialog(self.ops, self)
            dialog.created.connect(self.open_document)
        else:
            dialog = DocumentForm(self.ops, key, None, self)
        return self._show(dialog)

    def open_document(self, doc_id: int):
        doc = documents.get_document(doc_id)
        if doc.doc_type == "PDD":
            return self._show(StocktakeDialog(self.ops, doc_id, self))
        return self._show(DocumentForm(self.ops, doc.doc_type, doc_id, self))

    def _show(self, dialog):
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.dialog = dialog
        return dialog

    def drill(self, key: str, row: dict) -> None:
        """库存查询 → 出入库明细 of that item and warehouse → the move's document."""
        if key == "balance":
            ledger = self.select_key("ledger")
            ledger.set_filters(row["item"], row["warehouse"])
            ledger.run()
        elif key == "ledger" and row.get("number"):
            self.open_document(documents.find_document(row["number"]).id)

    def _on_changed(self, what: str) -> None:
        if what in ("*", "documents"):
            for key in DOC_KEYS:
                if key in self.views:
                    self.views[key].refresh()
        if what in ("*", "warehouses"):
            for key in REPORT_KEYS:
                if key in self.views:
                    self.views[key].fill_warehouses()

    # -- the window's shortcuts -----------------------------------------------------------
    def refresh(self) -> bool:
        view = self.view(self.key())
        if isinstance(view, ReportView):
            view.run()
        else:
            view.refresh()
        return True

    def find(self) -> bool:
        view = self.view(self.key())
        target = view.item if isinstance(view, ReportView) else view.list.search
        target.setFocus()
        target.selectAll()
        return True

    def print_view(self) -> bool:
        view = self.view(self.key())
        if isinstance(view, ReportView):
            view.print_pdf()
        else:
            view.print_document()
        return True
