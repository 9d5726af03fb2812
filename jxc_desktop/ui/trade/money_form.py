"""收款单 / 付款单 form: partner, cash or bank account, amount, and what it settles.

The table lists the partner's documents with open amounts, oldest due first. Typing the
amount (Enter) fills 本次核销 oldest first; each row stays editable. Whatever is not
allocated to a row is kept as an advance (预收 / 预付). The engine does the settling
when the document is approved (see engine/trade/settlement.py).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from jxc_desktop.engine import documents
from jxc_desktop.engine.doctypes import DOC_TYPES
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.money import format_exact, format_money, money
from jxc_desktop.engine.trade import drafts
from jxc_desktop.models.masterdata import Partner
from jxc_desktop.ui import messages
from jxc_desktop.ui.trade.cells import status_label
from jxc_desktop.ui.trade.trade_form import partner_box, select_partner

SETTLE = 5  # the editable column
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _dec(text: str) -> Decimal:
    try:
        return Decimal(text.replace(",", "").strip() or "0")
    except InvalidOperation:
        return Decimal(0)


class MoneyForm(QDialog):
    def __init__(self, ops, doc_type: str, parent=None, doc_id: int | None = None):
        super().__init__(parent)
        self.ops, self.doc_type, self.doc_id = ops, doc_type, doc_id
        self.dtype = DOC_TYPES[doc_type]
        self.saved = None
        self.candidates: list[drafts.Candidate] = []
        self.setObjectName("moneyForm")
        self.setWindowTitle(self.dtype.label + " - " + tr("新单据", "New document"))
        self.resize(820, 520)
        self.number = QLabel(tr("（保存时生成）", "(assigned at save)"))
        self.number.setObjectName("moneyFormNumber")
        self.status = QLabel(status_label("draft"))
        self.status.setObjectName("moneyFormStatus")
        self.partner = partner_box(self.dtype.partner_kind, "moneyFormPartner")
        self.account = QComboBox()
        for code, name in drafts.cash_accounts():
            self.account.addItem(f"{code} {name}", code)
        self.account.setCurrentIndex(max(self.account.findData("1002"), 0))
        self.date = QDateEdit(QDate.currentDate())
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.setCalendarPopup(True)
        self.currency = QComboBox()
        self.currency.setObjectName("moneyFormCurrency")
        self.currency.addItems(drafts.currencies())
        self.rate = QLineEdit("1")
        self.rate.setObjectName("moneyFormRate")
        self.amount = QLineEdit()
        self.amount.setObjectName("moneyFormAmount")
        self.amount.returnPressed.connect(self.fill)
        self.amount.textChanged.connect(lambda _text: self._show_advance())
        self.remarks = QLineEdit()
        self.advance = QLabel()
        self.advance.setObjectName("moneyFormAdvance")
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels(
            [
                tr("单据编号", "Number"),
                tr("类型", "Type"),
                tr("日期", "Date"),
                tr("到期日", "Due"),
                tr("未核销", "Open"),
                tr("本次核销", "Settle"),
            ]
        )
        # the type takes the spare width: amounts stay next to each other, not far right
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.itemChanged.connect(lambda _item: self._show_advance())
        self._layout()
        self.partner.currentIndexChanged.connect(lambda _i: self.load_candidates())
        self.currency.currentIndexChanged.connect(lambda _i: self.currency_changed())
        self.date.dateChanged.connect(lambda _d: self._date_changed())
        if doc_id is not None:
            self._load(doc_id)
        else:
            self.load_candidates()
        self.amount.setFocus()

    def _layout(self) -> None:
        form = QFormLayout()
        heading = QHBoxLayout()
        heading.addWidget(self.number, 1)
        heading.addWidget(QLabel(tr("状态", "Status")))
        heading.addWidget(self.status)
        form.addRow(tr("单据编号", "Number"), heading)
        form.addRow(tr("往来单位", "Partner"), self.partner)
        form.addRow(tr("结算账户", "Account"), self.account)
        form.addRow(tr("日期", "Date"), self.date)
        money_row = QHBoxLayout()
        money_row.addWidget(self.amount, 1)
        money_row.addWidget(QLabel(tr("币种", "Currency")))
        money_row.addWidget(self.currency)
        money_row.addWidget(QLabel(tr("汇率", "Rate")))
        money_row.addWidget(self.rate)
        form.addRow(tr("金额", "Amount"), money_row)
        form.addRow(tr("备注", "Remarks"), self.remarks)
        buttons = QHBoxLayout()
        for key, label, slot in [
            ("fill", tr("按账龄分配", "Fill oldest first"), self.fill),
            (None, None, None),
            ("save", tr("保存", "Save"), self.save),
            ("approve", tr("保存并审核", "Save and approve"), self.save_and_approve),
            ("close", tr("关闭", "Close"), self.reject),  # as the goods forms have
        ]:
            if key is None:
                buttons.addStretch(1)
                continue
            button = QPushButton(label)
            button.setObjectName(f"moneyForm_{key}")
            button.setAutoDefault(False)  # Enter in the amount fills; it never saves
            button.clicked.connect(slot)
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.advance)
        layout.addLayout(buttons)

    def _day(self) -> dt.date:
        q = self.date.date()
        return dt.date(q.year(), q.month(), q.day())

    def currency_changed(self) -> None:
        """Another currency: the day's rate, and the open documents in that currency."""
        self.rate.setText(format_exact(drafts.rate_on(self.currency.currentText(), self._day())))
        self.load_candidates()

    def _date_changed(self) -> None:
        if self.currency.currentText() != "CNY":  # that day's rate
            self.rate.setText(
                format_exact(drafts.rate_on(self.currency.currentText(), self._day()))
            )

    def load_candidates(self) -> None:
        """The partner's open documents (in the chosen currency), nothing chosen yet."""
        partner_id = self.partner.currentData()
        currency = self.currency.currentText()
        self.candidates = (
            drafts.settle_candidates(partner_id, self.doc_type, currency) if partner_id else []
        )
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.candidates))
        for row, c in enumerate(self.candidates):
            values = [
                c.number,
                DOC_TYPES[c.doc_type].label,
                c.date.isoformat(),
                c.due_date.isoformat(),
                format_money(c.open),
            ]
            for col, value in enumerate(values):
                cell = QTableWidgetItem(value)
                cell.setFlags(cell.flags() & ~Qt.ItemFlag.ItemIsEditable)
                if col == 4:
                    cell.setTextAlignment(RIGHT)
                self.table.setItem(row, col, cell)
            self.table.setItem(row, SETTLE, _settle_cell())
        self.table.blockSignals(False)
        self.table.resizeColumnsToContents()  # one partner's open documents: a few rows
        for col in (4, SETTLE):
            self.table.setColumnWidth(col, max(self.table.columnWidth(col), 120))
        self._show_advance()

    def fill(self) -> None:
        """Spreads the amount over the open documents, oldest due first."""
        shares = drafts.auto_fill(_dec(self.amount.text()), [c.open for c in self.candidates])
        self.table.blockSignals(True)
        for row, share in enumerate(shares):
            self.table.item(row, SETTLE).setText(format_money(share) if share else "")
        self.table.blockSignals(False)
        self._show_advance()

    def allocations(self) -> list[tuple[int, Decimal]]:
        return [
            (c.first_line_id, money(_dec(self.table.item(row, SETTLE).text())))
            for row, c in enumerate(self.candidates)
            if _dec(self.table.item(row, SETTLE).text()) > 0
        ]

    def _show_advance(self) -> None:
        """The partner's open total (returns and credits already netted in each row: the
        sum a clerk compares with the money in hand) and what is left over as an advance."""
        rest = money(_dec(self.amount.text())) - sum((a for _, a in self.allocations()), Decimal(0))
        label = (
            tr("预收款：", "Advance: ")
            if self.doc_type == "SKD"
            else tr("预付款：", "Prepayment: ")
        )
        parts = []
        if self.candidates:
            total = sum((c.open for c in self.candidates), Decimal(0))
            parts.append(tr("未结清合计：", "Open in all: ") + format_money(total))
        if rest > 0:
            parts.append(label + format_money(rest))
        elif rest < 0:  # no negative advance: the rows settle more than the money in hand
            parts.append(
                tr(
                    "核销合计超出金额 {v}",
                    "Settled {v} more than the amount",
                    v=format_money(-rest),
                )
            )
        self.advance.setText("    ".join(parts))
        self.advance.setStyleSheet("color: #d32f2f;" if rest < 0 else "")

    def prefill(self, partner_id: int, by_document: dict[int, Decimal]) -> None:
        """A new receipt (payment) for given documents: their open amounts chosen."""
        self.partner.blockSignals(True)
        select_partner(self.partner, partner_id)
        self.partner.blockSignals(False)
        self.load_candidates()
        self.table.blockSignals(True)
        for row, c in enumerate(self.candidates):
            value = by_document.get(c.document_id)
            self.table.item(row, SETTLE).setText(format_money(value) if value else "")
        self.table.blockSignals(False)
        self.amount.setText(str(sum(by_document.values(), Decimal(0))))
        self._show_advance()

    def _load(self, doc_id: int) -> None:
        data = drafts.document_input(doc_id)
        doc = documents.get_document(doc_id)
        self.setWindowTitle(self.dtype.label + " - " + doc.number)
        self.number.setText(doc.number)
        self.status.setText(status_label(doc.status))
        self.date.setDate(QDate(doc.date.year, doc.date.month, doc.date.day))
        if data.lines and data.lines[0].account:
            self.account.setCurrentIndex(max(self.account.findData(data.lines[0].account), 0))
        self.remarks.setText(data.remarks)
        self.currency.blockSignals(True)
        self.currency.setCurrentText(data.currency)
        self.currency.blockSignals(False)
        self.rate.setText(format_exact(data.exchange_rate))
        self.prefill(doc.partner_id, drafts.draft_allocations(doc_id))
        self.amount.setText(str(sum((D_(x.amount) for x in data.lines), Decimal(0))))

    def _input(self):
        return drafts.money_input(
            self.doc_type,
            self._day(),
            Partner.get_or_none(Partner.id == self.partner.currentData()),
            self.account.currentData() or "",
            money(_dec(self.amount.text())),
            self.allocations(),
            currency=self.currency.currentText(),
            exchange_rate=_dec(self.rate.text()) or Decimal(1),
            remarks=self.remarks.text(),
        )

    def save(self) -> bool:
        ok, result = self.ops.run(
            lambda: drafts.save_money(self._input(), self.doc_id),
            parent=self,
            changed="documents",
        )
        if ok:
            self.saved = result[0]
            self.accept()
        return ok

    def save_and_approve(self) -> bool:
        ok, result = self.ops.run(
            lambda: drafts.save_money(self._input(), self.doc_id, approve=True),
            parent=self,
            changed="documents",
        )
        if ok:
            self.saved, approved = result
            if approved.messages:
                messages.info(self, "\n".join(approved.messages))
            self.accept()
        return ok


def _settle_cell() -> QTableWidgetItem:
    """本次核销: typed by the user, shown like every amount (right, 1,234.50)."""
    cell = QTableWidgetItem("")
    cell.setTextAlignment(RIGHT)
    return cell


def D_(value) -> Decimal:
    return Decimal(str(value or 0))
