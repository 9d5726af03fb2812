"""A trade document form: header (number, status, partner, date, warehouse, remarks),
the inventory form's scanner field (focused) and the lines grid with amounts and totals.

New document: each scan goes through the scanning engine (`5*code` quantities, box
barcodes in their unit, EAN check digits; an unknown code shows red and beeps, never a
line) and adds the item in the scanned unit with the engine's suggested price for the
partner (price grade, last price, list price), or adds to its line. An existing draft
(`doc_id`) opens with its lines; quantities, prices, tax rates, the partner, the date
and the remarks can be changed and saving keeps its number. A draft whose lines come
from an order (a generated delivery) is checked by scanning: each scan counts on the
已扫描 column of the item's first line not yet complete, and "按扫描数量" takes the
scanned quantities (a partial delivery). Saving builds a DocumentInput and calls the
engine; every problem comes back at once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from jxc_desktop.engine import documents, lookup, scanning
from jxc_desktop.engine.doctypes import DOC_TYPES
from jxc_desktop.engine.documents import DocumentInput, LineInput
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.money import price, qty
from jxc_desktop.engine.trade import drafts, generate, pricing
from jxc_desktop.models.masterdata import Partner, Warehouse
from jxc_desktop.ui import messages
from jxc_desktop.ui.inventory.scan_field import ScanField
from jxc_desktop.ui.trade.cells import fmt_money, fmt_qty, status_label
from jxc_desktop.ui.trade.trade_lines import CODE, QTY, SCANNED, UNIT, TradeLines


class TradeForm(QDialog):
    def __init__(self, ops, doc_type: str, parent=None, doc_id: int | None = None):
        super().__init__(parent)
        self.ops, self.doc_type, self.doc_id = ops, doc_type, doc_id
        self.dtype = DOC_TYPES[doc_type]
        self.saved = None
        self.header = None  # the loaded draft's input (currency, source ...)
        self.read_only = False  # an approved or void document, opened to be looked at
        self.setObjectName("tradeForm")
        self.setWindowTitle(self.dtype.label + " - " + tr("新单据", "New document"))
        self.resize(1100, 640)
        self._build_fields()
        self.scan_field = ScanField()
        self.scan = self.scan_field.edit
        self.scan.setObjectName("tradeScan")
        self.message = self.scan_field.message
        self.scan_field.scanned.connect(self.on_scan)
        self.table = TradeLines()
        self.table.totals_changed = self._show_totals
        # only what moves stock is checked by scanning against its source (an invoice
        # made from a delivery is not picked again)
        self.scan_checks = self.dtype.needs_warehouse
        self.table.setColumnHidden(SCANNED, not self.scan_checks)
        self.totals = QLabel()
        self.totals.setObjectName("tradeTotals")
        self.totals.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.totals.setStyleSheet("font-weight: bold; font-size: 11pt;")
        self._layout()
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        if doc_id is not None:
            self._load(doc_id)
        self._show_totals()
        self.scan.setFocus()

    def _build_fields(self) -> None:
        self.number = QLabel(tr("（保存时生成）", "(assigned at save)"))
        self.number.setObjectName("tradeNumber")
        self.status = QLabel(status_label("draft"))
        self.partner = partner_box(self.dtype.partner_kind, "tradeFormPartner")
        self.warehouse = QComboBox()
        if not self.dtype.needs_warehouse:  # an order may name its warehouse, or not
            self.warehouse.addItem(tr("（不指定）", "(none)"), None)
        for w in Warehouse.select().order_by(Warehouse.code):
            self.warehouse.addItem(f"{w.code} {w.name}", w.code)
        self.date = QDateEdit(QDate.currentDate())
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.setCalendarPopup(True)
        self.remarks = QLineEdit()
        self.remarks.setObjectName("tradeRemarks")

    def _layout(self) -> None:
        grid = QGridLayout()
        pairs = [
            (0, 0, tr("单据编号", "Number"), self.number),
            (0, 2, tr("状态", "Status"), self.status),
            (1, 0, tr("往来单位", "Partner"), self.partner),
            (1, 2, tr("日期", "Date"), self.date),
            (2, 0, tr("仓库", "Warehouse"), self.warehouse),
            (2, 2, tr("备注", "Remarks"), self.remarks),
        ]
        for row, col, label, widget in pairs:
            grid.addWidget(QLabel(label), row, col)
            grid.addWidget(widget, row, col + 1)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(3, 2)
        buttons = QHBoxLayout()
        for key, label, slot in [
            ("remove", tr("删除行", "Remove line"), self.remove_line),
            ("use_scanned", tr("按扫描数量", "Use scanned quantities"), self.use_scanned),
            (None, None, None),
            ("save", tr("保存 (Ctrl+S)", "Save (Ctrl+S)"), self.save),
            ("approve", tr("保存并审核", "Save and approve"), self.save_and_approve),
            ("close", tr("关闭", "Close"), self.reject),
        ]:
            if key is None:
                buttons.addStretch(1)
                continue
            button = QPushButton(label)
            button.setObjectName(f"tradeForm_{key}")
            button.setAutoDefault(False)  # Enter belongs to the scanner, never to a button
            button.clicked.connect(slot)
            if key == "use_scanned" and not self.scan_checks:
                button.hide()
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.scan_field)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.totals)
        layout.addLayout(buttons)

    def _show_totals(self) -> None:
        count, quantity, amount, tax, total = self.table.rowCount(), *self.table.totals()
        parts = [tr("共 {n} 行", "{n} line" if count == 1 else "{n} lines", n=count)]
        units = {self.table.text(r, UNIT) for r in range(count)}
        if len(units) == 1:  # bottles and boxes do not add up to one number
            parts.append(tr("数量 {q}{u}", "qty {q} {u}", q=fmt_qty(quantity), u=units.pop()))
        parts += [
            tr("金额 {a}", "amount {a}", a=fmt_money(amount)),
            tr("税额 {t}", "tax {t}", t=fmt_money(tax)),
            tr("价税合计 {g}", "total {g}", g=fmt_money(total)),
        ]
        # an ideographic space between the parts in Chinese, plain spaces in English
        self.totals.setText(tr("　", "   ").join(parts))

    def _day(self) -> dt.date:
        q = self.date.date()
        return dt.date(q.year(), q.month(), q.day())

    def on_scan(self, text: str) -> None:
        """One scanner entry (`code` or `5*code`), through the scanning engine."""
        parsed = scanning.parse_scan(text)
        found = scanning.resolve_code(parsed.code) if parsed.ok else parsed.error
        if isinstance(found, str):
            self.scan_field.show_error(found)
            return
        item, unit = found
        factor = lookup.unit_factor(item, unit) or Decimal(1)
        if self.checking:
            self._check(item, unit, parsed.qty * factor)
            return
        row = self.table.find(item.code, unit.name)
        if row is None:
            row = self._add_row(item, unit, factor, parsed.qty)
            total = parsed.qty
        else:
            total = self.table.add_qty(row, parsed.qty)
        self.table.selectRow(row)
        self.scan_field.show_ok(
            tr(
                "{name} {unit} ×{q}，本行共 {t} {unit}",
                "{name} {unit} ×{q}, line total {t} {unit}",
                name=item.name,
                unit=unit.name,
                q=fmt_qty(parsed.qty),
                t=fmt_qty(total),
            )
        )

    @property
    def checking(self) -> bool:
        """A draft carrying order lines is checked by scanning, not extended by it."""
        return self.scan_checks and any(line.source_line is not None for line in self.table.inputs)

    def _scanned(self, row: int) -> Decimal:
        return self.table.value(row, SCANNED)

    def _check(self, item, unit, base_qty: Decimal) -> None:
        rows = self.table.rows_of(item.code)
        if not rows:
            factor = lookup.unit_factor(item, unit) or Decimal(1)
            row = self._add_row(item, unit, factor, base_qty / factor)
            self.table.set_value(row, SCANNED, self.table.text(row, QTY))
            self.scan_field.show_ok(f"{item.code} {item.name} ×{fmt_qty(base_qty / factor)}")
            return
        open_rows = [r for r in rows if self._scanned(r) < self.table.value(r, QTY)]
        row = open_rows[0] if open_rows else rows[-1]
        count = qty(self._scanned(row) + base_qty / self.table.factors[row])
        self.table.set_value(row, SCANNED, fmt_qty(count))
        wanted = self.table.value(row, QTY)
        self.table.mark_scanned(row, count, wanted)
        text = f"{item.code} {item.name} {fmt_qty(count)}/{fmt_qty(wanted)}"
        if count > wanted:
            self.scan_field.show_error(
                text + "  " + tr("超出单据数量", "more than the document says")
            )
            return
        if self.all_checked():
            text += "  " + tr("全部数量已核对", "every quantity checked")
        self.scan_field.show_ok(text)

    def all_checked(self) -> bool:
        """Every line scanned exactly its quantity."""
        return self.table.rowCount() > 0 and all(
            self._scanned(r) == self.table.value(r, QTY) for r in range(self.table.rowCount())
        )

    def use_scanned(self) -> None:
        """Takes the scanned quantities; lines with nothing scanned are dropped."""
        for row in reversed(range(self.table.rowCount())):
            scanned = self._scanned(row)
            if scanned:
                self.table.set_value(row, QTY, fmt_qty(scanned))
            else:
                self.table.remove(row)
        self._show_totals()

    def remove_line(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < self.table.rowCount():
            self.table.remove(row)
            self._show_totals()

    def _suggest(self, item, base_qty: Decimal) -> Decimal:
        """The suggested price per base unit for the partner (or the item's list price)."""
        partner = Partner.get_or_none(Partner.id == self.partner.currentData())
        if partner is None:
            return item.sale_price if self.dtype.partner_kind == "customer" else item.purchase_price
        if partner.kind == "customer":
            return pricing.suggest_sale_price(partner, item, base_qty, self._day())[0]
        return pricing.suggest_purchase_price(partner, item, base_qty, self._day())[0]

    def _add_row(self, item, unit, factor: Decimal, quantity: Decimal) -> int:
        unit_price = price(self._suggest(item, quantity * factor) * factor)
        line = LineInput(
            item=item.code, qty=quantity, unit=unit.name, price=unit_price, tax_rate=item.tax_rate
        )
        return self.table.add(item.code, item.name, line, factor)

    def _load(self, doc_id: int) -> None:
        """Shows a saved draft: header fields and one row per line."""
        data = drafts.document_input(doc_id)
        doc = documents.get_document(doc_id)
        self.header = data
        self.setWindowTitle(self.dtype.label + " - " + doc.number)
        self.number.setText(doc.number)
        self.status.setText(status_label(doc.status))
        select_partner(self.partner, doc.partner_id)
        if doc.warehouse_id:
            self.warehouse.setCurrentIndex(max(self.warehouse.findData(doc.warehouse.code), 0))
        self.date.setDate(QDate(doc.date.year, doc.date.month, doc.date.day))
        self.remarks.setText(doc.remarks or "")
        if doc.status != "draft":  # opened from a drill-down: shown, not changed
            self.read_only = True
            for key in ("save", "approve", "remove", "use_scanned"):
                self.findChild(QPushButton, f"tradeForm_{key}").setEnabled(False)
            self.scan_field.setEnabled(False)
        for line in data.lines:
            item, unit = line.item, line.unit or line.item.base_unit
            factor = lookup.unit_factor(item, unit) or Decimal(1)
            scanned = "0" if line.source_line is not None and self.scan_checks else ""
            self.table.add(
                item.code,
                item.name,
                replace(line, item=item.code, unit=unit.name),
                factor,
                scanned,
            )

    def _input(self) -> DocumentInput:
        lines = self.table.line_inputs()
        partner = Partner.get_or_none(Partner.id == self.partner.currentData())
        warehouse = self.warehouse.currentData()
        common = dict(
            date=self._day(),
            lines=lines,
            partner=partner,
            warehouse=warehouse,
            remarks=self.remarks.text().strip(),
        )
        if self.header is not None:  # keep what the form does not show (currency, source)
            return replace(self.header, **common)
        return DocumentInput(self.doc_type, **common)

    def save(self) -> bool:
        if self.read_only:
            return False
        ok, doc = self.ops.run(
            lambda: documents.save_draft(self._input(), self.doc_id),
            parent=self,
            changed="documents",
        )
        if ok:
            self.saved = doc
            self.accept()
        return ok

    def scan_shortfalls(self) -> list[str]:
        """Lines of a document checked by scanning whose scanned quantity is not theirs."""
        if not self.checking:
            return []
        return scanning.scan_shortfalls(
            [
                (
                    row + 1,
                    self.table.text(row, CODE),
                    self.table.value(row, QTY),
                    self._scanned(row),
                )
                for row in range(self.table.rowCount())
            ]
        )

    def save_and_approve(self, confirmed: bool = False) -> bool:
        """Saves and approves. A document being checked by scanning with lines not
        scanned to their quantity asks first (returns False; the question is
        `self.question`): a clerk must not ship or receive what was never checked."""
        short = [] if confirmed else self.scan_shortfalls()
        if short:
            self.question = messages.confirm(
                self,
                tr(
                    "以下行的扫描数量与单据数量不符：\n{rows}\n\n仍按单据数量审核吗？"
                    "（只按已扫描的数量发货，请先点“按扫描数量”）",
                    "These lines were not scanned to their quantity:\n{rows}\n\nApprove "
                    "the document's quantities anyway? (To ship only what was scanned, press "
                    '"Use scanned quantities" first.)',
                    rows="\n".join(short[:12]) + ("\n…" if len(short) > 12 else ""),
                ),
            )
            self.question.accepted.connect(lambda: self.save_and_approve(confirmed=True))
            return False
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


def partner_box(kind: str, object_name: str) -> QComboBox:
    """The active customers (or suppliers) to choose from, none chosen yet: a clerk who
    forgets to choose gets "请选择往来单位" at save, not a document silently made out to
    the first one in the list."""
    box = QComboBox()
    box.setObjectName(object_name)
    for p in Partner.select().where((Partner.kind == kind) & Partner.active).order_by(Partner.code):
        box.addItem(f"{p.code} {p.name}", p.id)
    box.setCurrentIndex(-1)
    box.setPlaceholderText(tr("请选择往来单位", "Choose a partner"))
    return box


def select_partner(box: QComboBox, partner_id: int | None) -> None:
    """Shows the document's partner, even one no longer active (never another one)."""
    index = box.findData(partner_id)
    if index < 0 and partner_id:
        partner = Partner.get_by_id(partner_id)
        box.addItem(f"{partner.code} {partner.name}", partner.id)
        index = box.count() - 1
    box.setCurrentIndex(max(index, 0))
