"""外币核算科目: the accounts 期末调汇 revalues besides 1122 / 2202 — list, flag, unflag."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
)

from jxc_desktop.engine.finance import fx
from jxc_desktop.engine.finance.account_lookup import initials
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.reports import Column
from jxc_desktop.models.accounting import Account
from jxc_desktop.ui.finance import tables
from jxc_desktop.ui.ops import Ops

COLUMNS = [
    Column("code", "科目编码", "Account"),
    Column("name", "科目名称", "Name"),
    Column("currency", "币种", "Currency"),
]


class FxAccountsBox(QGroupBox):
    """The flagged accounts, and a row to flag one with a currency or unflag the selected."""

    def __init__(self, ops: Ops, parent=None):
        super().__init__(
            tr("外币核算科目（期末调汇）", "Foreign-currency accounts (revalued)"), parent
        )
        self.ops = ops
        self.table = QTableWidget()
        tables.read_only(self.table)
        self.account = QLineEdit()
        self.account.setPlaceholderText(tr("科目编码或名称", "Account code or name"))
        self.account.setMinimumWidth(280)
        note = QLabel(
            tr(
                "1122 应收账款、2202 应付账款的外币余额总是参与调汇；其他外币科目（如美元户）在此标记。",
                "Foreign balances on 1122 and 2202 are always revalued; flag other accounts "
                "(e.g. a USD bank account) here.",
            )
        )
        note.setWordWrap(True)
        self.currency = QComboBox()
        self.currency.setEditable(True)  # a code not yet in 币种 can still be typed
        self.flag_button = QPushButton(tr("设为外币核算", "Flag"))
        self.unflag_button = QPushButton(tr("取消外币核算", "Unflag selected"))
        self.flag_button.clicked.connect(self.flag)
        self.unflag_button.clicked.connect(self.unflag)
        bar = QHBoxLayout()
        for widget in (self.account, self.currency, self.flag_button, self.unflag_button):
            bar.addWidget(widget)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(bar)
        layout.addWidget(self.table)
        self.refresh()

    def refresh(self) -> None:
        """Reloads the flagged accounts and the choices (accounts and currencies)."""
        rows = [
            {"code": code, "name": name, "currency": currency}
            for code, name, currency in fx.flagged_accounts()
        ]
        tables.fill(self.table, COLUMNS, rows)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        choices = [
            f"{a.code} {a.name} {initials(a.name)}".strip()
            for a in Account.select().where(Account.active).order_by(Account.code)
        ]
        completer = QCompleter(choices, self.account)
        completer.setFilterMode(completer.filterMode().MatchContains)
        self.account.setCompleter(completer)
        typed = self.currency.currentText()
        self.currency.clear()
        self.currency.addItems(fx.foreign_currencies())
        if typed:
            self.currency.setCurrentText(typed)

    def flag(self) -> bool:
        code = self.account.text().split(" ")[0]
        currency = self.currency.currentText()
        ok, _ = self.ops.run(
            lambda: fx.flag_account(code, currency, True), parent=self, changed="accounts"
        )
        if ok:
            self.account.clear()
            self.refresh()
        return ok

    def unflag(self) -> bool:
        row = self.table.currentRow()
        if row < 0:
            return False
        code = self.table.item(row, 0).text()
        ok, _ = self.ops.run(
            lambda: fx.flag_account(code, on=False), parent=self, changed="accounts"
        )
        if ok:
            self.refresh()
        return ok
