"""A trade document form: partner, warehouse, a scanner field (focused) and the lines.

Each scan (item code or barcode, then Enter) adds the item with the engine's suggested
price for the partner (price grade, last price, list price) or adds 1 to its line.
Saving builds a DocumentInput and calls the engine; every problem comes back at once.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from jxc_desktop.engine import documents, lookup
from jxc_desktop.engine.doctypes import DOC_TYPES
from jxc_desktop.engine.documents import DocumentInput, LineInput
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.money import D
from jxc_desktop.engine.trade import generate, pricing
from jxc_desktop.models.masterdata import Partner, Warehouse
from jxc_desktop.ui import messages

COLUMNS = ["item", "name", "qty", "price", "tax_rate"]


class TradeForm(QDialog):
    def __init__(self, ops, doc_type: str, parent=None):
        super().__init__(parent)
        self.ops, self.doc_type = ops, doc_type
        self.dtype = DOC_TYPES[doc_type]
        self.saved = None
        self.setObjectName("tradeForm")
        self.setWindowTitle(self.dtype.label + " - " + tr("新单据", "New document"))
        self.resize(900, 560)
        self.partner = QComboBox()
        self.partner.setObjectName("tradeFormPartner")
        for p in (
            Partner.select()
            .where((Partner.kind == self.dtype.partner_kind) & Partner.active)
            .order_by(Partner.code)
        ):
            self.partner.addItem(f"{p.code} {p.name}", p.id)
        self.warehouse = QComboBox()
        for w in Warehouse.select().order_by(Warehouse.code):
            self.warehouse.addItem(f"{w.code} {w.name}", w.code)
        self.date = QDateEdit(QDate.currentDate())
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.scan = QLineEdit()
        self.scan.setObjectName("tradeScan")
        self.scan.setPlaceholderText(
            tr("扫描条码或输入商品编码，回车", "Scan or type a code, Enter")
        )
        self.scan.returnPressed.connect(self.on_scan)
        self.message = QLabel()
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(
            [
                tr("商品编码", "Item"),
                tr("名称", "Name"),
                tr("数量", "Qty"),
                tr("单价", "Price"),
                tr("税率%", "VAT %"),
            ]
        )
        self._layout()
        self.scan.setFocus()

    def _layout(self) -> None:
        form = QFormLayout()
        form.addRow(tr("往来单位", "Partner"), self.partner)
        if self.dtype.needs_warehouse:
            form.addRow(tr("仓库", "Warehouse"), self.warehouse)
        form.addRow(tr("日期", "Date"), self.date)
        buttons = QHBoxLayout()
        for key, label, slot in [
            ("save", tr("保存", "Save"), self.save),
            ("approve", tr("保存并审核", "Save and approve"), self.save_and_approve),
        ]:
            button = QPushButton(label)
            button.setObjectName(f"tradeForm_{key}")
            button.setAutoDefault(False)  # Enter belongs to the scanner, never to a button
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.scan)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def _day(self) -> dt.date:
        q = self.date.date()
        return dt.date(q.year(), q.month(), q.day())

    def on_scan(self) -> None:
        code = self.scan.text().strip()
        self.scan.clear()
        item = lookup.item_by_code(code)
        if item is None:
            self.message.setText(tr("找不到商品 {c}", "No item {c}", c=code))
            return
        for row in range(self.table.rowCount()):
            if self.table.item(row, 0).text() == item.code:
                qty = D(self.table.item(row, 2).text()) + 1
                self.table.item(row, 2).setText(str(qty))
                self.message.setText(f"{item.code} {item.name} × {qty}")
                return
        self._add_row(item)

    def _suggest(self, item):
        partner = Partner.get_or_none(Partner.id == self.partner.currentData())
        if partner is None:
            return item.sale_price if self.dtype.partner_kind == "customer" else item.purchase_price
        if partner.kind == "customer":
            return pricing.suggest_sale_price(partner, item, 1, self._day())[0]
        return pricing.suggest_purchase_price(partner, item, 1, self._day())[0]

    def _add_row(self, item) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        values = [
            item.code,
            item.name,
            "1",
            str(self._suggest(item).normalize()),
            str(item.tax_rate.normalize()),
        ]
        for col, value in enumerate(values):
            cell = QTableWidgetItem(value)
            if col < 2:
                cell.setFlags(cell.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(row, col, cell)
        self.message.setText(f"{item.code} {item.name} × 1")

    def _input(self) -> DocumentInput:
        lines = []
        for row in range(self.table.rowCount()):
            text = [self.table.item(row, c).text().strip() for c in range(len(COLUMNS))]
            lines.append(LineInput(item=text[0], qty=text[2], price=text[3], tax_rate=text[4]))
        return DocumentInput(
            self.doc_type,
            self._day(),
            lines,
            partner=Partner.get_or_none(Partner.id == self.partner.currentData()),
            warehouse=self.warehouse.currentData() if self.dtype.needs_warehouse else None,
        )

    def save(self) -> bool:
        ok, doc = self.ops.run(
            lambda: documents.save_draft(self._input()), parent=self, changed="documents"
        )
        if ok:
            self.saved = doc
            self.accept()
        return ok

    def save_and_approve(self) -> bool:
        ok, result = self.ops.run(
            lambda: generate.save_and_approve(self._input()), parent=self, changed="documents"
        )
        if ok:
            self.saved, approved = result
            if approved.messages:
                messages.info(self, "\n".join(approved.messages))
            self.accept()
        return ok
