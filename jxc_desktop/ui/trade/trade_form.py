"""A trade document form: partner, warehouse, a scanner field (focused) and the lines.

New document: each scan (item code or barcode, then Enter) adds the item with the
engine's suggested price for the partner (price grade, last price, list price) or adds
1 to its line. An existing draft (`doc_id`) opens with its lines; quantities, prices,
tax rates, the partner and the date can be changed and saving keeps its number. A
draft whose lines come from an order (a generated delivery) is checked by scanning:
each scan counts on the 已扫描 column of the item's first line not yet complete, and
"按扫描数量" takes the scanned quantities (a partial delivery). Saving builds a
DocumentInput and calls the engine; every problem comes back at once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

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
from jxc_desktop.engine.trade import drafts, generate, pricing
from jxc_desktop.models.masterdata import Partner, Warehouse
from jxc_desktop.ui import messages

COLUMNS = ["item", "name", "qty", "price", "tax_rate", "scanned"]
QTY, PRICE, TAX, SCANNED = 2, 3, 4, 5


class TradeForm(QDialog):
    def __init__(self, ops, doc_type: str, parent=None, doc_id: int | None = None):
        super().__init__(parent)
        self.ops, self.doc_type, self.doc_id = ops, doc_type, doc_id
        self.dtype = DOC_TYPES[doc_type]
        self.saved = None
        self.inputs: list[LineInput] = []  # per table row: what the cells do not show
        self.header = None  # the loaded draft's input (currency, remarks, source ...)
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
                tr("已扫描", "Scanned"),
            ]
        )
        self._layout()
        if doc_id is not None:
            self._load(doc_id)
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
            ("use_scanned", tr("按扫描数量", "Use scanned quantities"), self.use_scanned),
            ("remove", tr("删除行", "Remove line"), self.remove_line),
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
        rows = [
            r for r in range(self.table.rowCount()) if self.table.item(r, 0).text() == item.code
        ]
        if self.checking:
            self._check(item, rows)
        elif rows:
            qty = D(self.table.item(rows[0], QTY).text()) + 1
            self.table.item(rows[0], QTY).setText(str(qty))
            self.message.setText(f"{item.code} {item.name} × {qty}")
        else:
            self._add_row(item)

    @property
    def checking(self) -> bool:
        """A draft carrying order lines is checked by scanning, not extended by it."""
        return any(line.source_line is not None for line in self.inputs)

    def _scanned(self, row: int) -> D:
        return D(self.table.item(row, SCANNED).text() or "0")

    def _check(self, item, rows: list[int]) -> None:
        if not rows:
            self._add_row(item, scanned=True)
            return
        open_rows = [r for r in rows if self._scanned(r) < D(self.table.item(r, QTY).text())]
        row = open_rows[0] if open_rows else rows[-1]
        count = self._scanned(row) + 1
        self.table.item(row, SCANNED).setText(str(count))
        wanted = D(self.table.item(row, QTY).text())
        text = f"{item.code} {item.name} {count}/{wanted}"
        if count > wanted:
            text += "  " + tr("超出单据数量", "more than the document says")
        elif self.all_checked():
            text += "  " + tr("全部数量已核对", "every quantity checked")
        self.message.setText(text)

    def all_checked(self) -> bool:
        """Every line scanned exactly its quantity."""
        return self.table.rowCount() > 0 and all(
            self._scanned(r) == D(self.table.item(r, QTY).text())
            for r in range(self.table.rowCount())
        )

    def use_scanned(self) -> None:
        """Takes the scanned quantities; lines with nothing scanned are dropped."""
        for row in reversed(range(self.table.rowCount())):
            scanned = self._scanned(row)
            if scanned:
                self.table.item(row, QTY).setText(str(scanned))
            else:
                self.table.removeRow(row)
                del self.inputs[row]

    def remove_line(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < self.table.rowCount():
            self.table.removeRow(row)
            del self.inputs[row]

    def _suggest(self, item):
        partner = Partner.get_or_none(Partner.id == self.partner.currentData())
        if partner is None:
            return item.sale_price if self.dtype.partner_kind == "customer" else item.purchase_price
        if partner.kind == "customer":
            return pricing.suggest_sale_price(partner, item, 1, self._day())[0]
        return pricing.suggest_purchase_price(partner, item, 1, self._day())[0]

    def _add_row(self, item, scanned: bool = False) -> None:
        values = [
            item.code,
            item.name,
            "1",
            _plain(self._suggest(item)),
            _plain(item.tax_rate),
            "1" if scanned else "",
        ]
        self._append(values, LineInput(item=item.code))
        self.message.setText(f"{item.code} {item.name} × 1")

    def _append(self, values: list[str], line: LineInput) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for col, value in enumerate(values):
            cell = QTableWidgetItem(value)
            if col in (0, 1, SCANNED):
                cell.setFlags(cell.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(row, col, cell)
        self.inputs.append(line)

    def _load(self, doc_id: int) -> None:
        """Shows a saved draft: header fields and one row per line."""
        data = drafts.document_input(doc_id)
        doc = documents.get_document(doc_id)
        self.header = data
        self.setWindowTitle(self.dtype.label + " - " + doc.number)
        select_partner(self.partner, doc.partner_id)
        if doc.warehouse_id:
            self.warehouse.setCurrentIndex(max(self.warehouse.findData(doc.warehouse.code), 0))
        self.date.setDate(QDate(doc.date.year, doc.date.month, doc.date.day))
        for line in data.lines:
            item = line.item
            values = [
                item.code,
                item.name,
                _plain(line.qty),
                _plain(line.price),
                _plain(line.tax_rate),
                "0" if line.source_line is not None else "",
            ]
            self._append(values, replace(line, item=item.code))

    def _input(self) -> DocumentInput:
        lines = []
        for row in range(self.table.rowCount()):
            text = [self.table.item(row, c).text().strip() for c in range(len(COLUMNS))]
            lines.append(
                replace(self.inputs[row], qty=text[QTY], price=text[PRICE], tax_rate=text[TAX])
            )
        partner = Partner.get_or_none(Partner.id == self.partner.currentData())
        warehouse = self.warehouse.currentData() if self.dtype.needs_warehouse else None
        if self.header is not None:  # keep what the form does not show (currency, remarks)
            return replace(
                self.header, date=self._day(), lines=lines, partner=partner, warehouse=warehouse
            )
        return DocumentInput(
            self.doc_type, self._day(), lines, partner=partner, warehouse=warehouse
        )

    def save(self) -> bool:
        ok, doc = self.ops.run(
            lambda: documents.save_draft(self._input(), self.doc_id),
            parent=self,
            changed="documents",
        )
        if ok:
            self.saved = doc
            self.accept()
        return ok

    def save_and_approve(self) -> bool:
        ok, result = self.ops.run(
            lambda: generate.save_and_approve(self._input(), self.doc_id),
            parent=self,
            changed="documents",
        )
        if ok:
            self.saved, approved = result
            if approved.messages:
                messages.info(self, "\n".join(approved.messages))
            self.accept()
        return ok


def _plain(value) -> str:
    """A decimal as typed: 10, 9.5 (never 1E+1, which str() of a normalised 10 gives)."""
    return format(D(value).normalize(), "f")


def select_partner(box: QComboBox, partner_id: int | None) -> None:
    """Shows the document's partner, even one no longer active (never another one)."""
    index = box.findData(partner_id)
    if index < 0 and partner_id:
        partner = Partner.get_by_id(partner_id)
        box.addItem(f"{partner.code} {partner.name}", partner.id)
        index = box.count() - 1
    box.setCurrentIndex(max(index, 0))
