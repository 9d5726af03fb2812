"""Voucher entry (录入凭证): lines with account lookup and a live debit / credit balance."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from jxc_desktop.engine import money
from jxc_desktop.engine.finance import manual
from jxc_desktop.engine.finance.account_lookup import initials
from jxc_desktop.engine.i18n import tr as etr
from jxc_desktop.models.accounting import Account
from jxc_desktop.ui.i18n import tr
from jxc_desktop.ui.ops import Ops
from jxc_desktop.ui.row_table import CellSpec, RowTable

ACCOUNT, SUMMARY, DEBIT, CREDIT, PARTNER = range(5)


def account_choices() -> list[str]:
    """'code name initials' for every leaf account, what the completer matches against."""
    parents = {a.parent_id for a in Account.select(Account.parent) if a.parent_id}
    return [
        f"{a.code} {a.name} {initials(a.name)}".strip()
        for a in Account.select().where(Account.active).order_by(Account.code)
        if a.id not in parents
    ]


class VoucherDialog(QDialog):
    def __init__(self, ops: Ops, day: dt.date, parent=None):
        super().__init__(parent)
        self.ops = ops
        self.voucher = None
        self.setWindowTitle(tr("录入凭证"))
        self.date = QDateEdit(QDate(day.year, day.month, day.day))
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.summary = QLineEdit()
        self.lines = RowTable(
            [
                CellSpec(tr("科目")),
                CellSpec(tr("摘要")),
                CellSpec(tr("借方金额")),
                CellSpec(tr("贷方金额")),
                CellSpec(tr("往来单位")),
            ]
        )
        self.balance = QLabel()
        self.balance.setObjectName("voucherBalance")
        self._choices = account_choices()
        for _ in range(2):
            self.add_line()
        self.lines.add_button.clicked.disconnect()
        self.lines.add_button.clicked.connect(lambda: self.add_line())
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        # the standard buttons' texts come from Qt's own translations, which the app
        # does not ship: set them in both languages here
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(etr("保存", "Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(etr("取消", "Cancel"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(tr("日期"), self.date)
        form.addRow(tr("摘要"), self.summary)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.lines)
        layout.addWidget(self.balance)
        layout.addWidget(buttons)
        self.resize(820, 420)
        self.update_balance()

    def add_line(self, values: list[str] | None = None) -> int:
        row = self.lines.add_row(values)
        account = self.lines.cell(row, ACCOUNT)
        completer = QCompleter(self._choices, account)
        completer.setFilterMode(completer.filterMode().MatchContains)
        account.setCompleter(completer)
        for column in (DEBIT, CREDIT):
            self.lines.cell(row, column).textChanged.connect(self.update_balance)
        return row

    def totals(self) -> tuple:
        debit = credit = money.D(0)
        for cells in self.lines.rows():
            for column, target in ((DEBIT, "d"), (CREDIT, "c")):
                try:
                    value = money.D(cells[column]) if cells[column].strip() else money.D(0)
                except money.NotExactNumber:
                    value = money.D(0)
                if target == "d":
                    debit += value
                else:
                    credit += value
        return debit, credit

    def update_balance(self) -> None:
        debit, credit = self.totals()
        diff = debit - credit
        text = tr("借方合计 {d}　贷方合计 {c}").format(
            d=money.format_money(debit), c=money.format_money(credit)
        )
        if diff:
            text += "　" + tr("差额 {x}").format(x=money.format_money(diff))
        self.balance.setText(text)
        self.balance.setStyleSheet("color: #b00020;" if diff else "color: #1a7f37;")

    def data(self) -> manual.VoucherInput:
        q = self.date.date()
        lines = []
        for cells in self.lines.rows():
            if not any(c.strip() for c in cells):
                continue
            lines.append(
                manual.VoucherLineInput(
                    account=cells[ACCOUNT].split(" ")[0],
                    summary=cells[SUMMARY],
                    debit=cells[DEBIT].strip() or None,
                    credit=cells[CREDIT].strip() or None,
                    partner=cells[PARTNER],
                )
            )
        return manual.VoucherInput(
            dt.date(q.year(), q.month(), q.day()), self.summary.text().strip(), lines
        )

    def save(self) -> None:
        ok, result = self.ops.run(
            lambda: manual.create_voucher(self.data()), parent=self, changed="vouchers"
        )
        if ok:
            self.voucher = result
            self.accept()
