"""收款计划 dialog: a sales order's instalments (date, amount, remarks); the engine checks
that they add up to the order total and saves them as a whole."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from jxc_desktop.engine import documents
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.money import format_money
from jxc_desktop.engine.trade import collection_plan
from jxc_desktop.engine.trade.collection_plan import Instalment


def _date(text: str):
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        return text  # the engine names the row


def _amount(text: str) -> Decimal:
    try:
        return Decimal(text.replace(",", "").strip() or "0")
    except InvalidOperation:
        return Decimal(0)


class PlanDialog(QDialog):
    def __init__(self, ops, order_id: int, parent=None):
        super().__init__(parent)
        self.ops, self.order_id = ops, order_id
        order = documents.get_document(order_id)
        self.total = order.total_amount + order.total_tax
        self.setObjectName("planDialog")
        self.setWindowTitle(tr("收款计划", "Collection plan") + " - " + order.number)
        self.resize(560, 380)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(
            [tr("收款日期", "Date"), tr("金额", "Amount"), tr("备注", "Remarks")]
        )
        self.table.itemChanged.connect(lambda _item: self._show_sum())
        self.sum = QLabel()
        self.sum.setObjectName("planSum")
        buttons = QHBoxLayout()
        for key, label, slot in [
            ("add", tr("增加一期", "Add instalment"), self.add_row),
            ("remove", tr("删除一期", "Remove instalment"), self.remove_row),
            ("save", tr("保存", "Save"), self.save),
        ]:
            button = QPushButton(label)
            button.setObjectName(f"plan_{key}")
            button.setAutoDefault(False)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.sum)
        layout.addLayout(buttons)
        for inst in collection_plan.plan_of(order_id):
            self.add_row(inst.due_date.isoformat(), str(inst.amount), inst.remarks)
        self._show_sum()

    def add_row(self, date: str = "", amount: str = "", remarks: str = "") -> None:
        row = self.table.rowCount()
        self.table.blockSignals(True)
        self.table.insertRow(row)
        if not date:
            date = dt.date.today().isoformat()
        if not amount:  # what is left of the order total
            amount = str(max(self.total - self.planned(), Decimal(0)))
        for col, value in enumerate([date, amount, remarks]):
            self.table.setItem(row, col, QTableWidgetItem(value))
        self.table.blockSignals(False)
        self._show_sum()

    def remove_row(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self._show_sum()

    def _text(self, row: int, col: int) -> str:
        cell = self.table.item(row, col)
        return cell.text() if cell else ""

    def planned(self) -> Decimal:
        return sum((_amount(self._text(r, 1)) for r in range(self.table.rowCount())), Decimal(0))

    def instalments(self) -> list[Instalment]:
        return [
            Instalment(_date(self._text(r, 0)), _amount(self._text(r, 1)), self._text(r, 2))
            for r in range(self.table.rowCount())
        ]

    def _show_sum(self) -> None:
        self.sum.setText(
            tr(
                "合计 {p} / 订单金额 {t}",
                "Planned {p} of the order total {t}",
                p=format_money(self.planned()),
                t=format_money(self.total),
            )
        )

    def save(self) -> bool:
        ok, _ = self.ops.run(
            lambda: collection_plan.set_plan(self.order_id, self.instalments()),
            parent=self,
            changed="documents",
        )
        if ok:
            self.accept()
        return ok
