"""往来: one partner's balance, aging buckets and statement (对账单)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.money import format_money, format_qty
from jxc_desktop.engine.reports import ReportParams
from jxc_desktop.engine.reports.trade_ar import BUCKETS, aging_rows, statement_rows
from jxc_desktop.engine.reports.trade_orders import execution_rows
from jxc_desktop.models.masterdata import Partner
from jxc_desktop.ui.empty_hint import EmptyHint
from jxc_desktop.ui.refresh import Refresher


class PartnerView(QWidget):
    def __init__(self, ops, side: str, parent=None):
        super().__init__(parent)
        self.kind = "customer" if side == "sales" else "supplier"
        self.partner_box = QComboBox()
        self.partner_box.setObjectName("tradePartner")
        self.summary = QLabel()
        self.summary.setObjectName("tradeAging")
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels(
            [
                tr("日期", "Date"),
                tr("单据编号", "Number"),
                tr("类型", "Type"),
                tr("借方", "Debit"),
                tr("贷方", "Credit"),
                tr("余额", "Balance"),
            ]
        )
        self.orders = QTableWidget(0, 6)
        self.orders.setObjectName("tradePartnerOrders")
        self.orders.setHorizontalHeaderLabels(
            [
                tr("订单编号", "Order"),
                tr("商品", "Item"),
                tr("订购数量", "Ordered"),
                tr("已出入库", "Delivered"),
                tr("已开票", "Invoiced"),
                tr("订单状态", "Status"),
            ]
        )
        # the type / item column takes the spare width: no empty band on the right
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.orders.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("往来单位", "Partner")))
        top.addWidget(self.partner_box)
        top.addWidget(self.summary, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(QLabel(tr("对账单", "Statement")))
        self.hint = EmptyHint(_hint_text(self.kind), self.table)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 2)
        layout.addWidget(QLabel(tr("订单执行", "Orders")))
        layout.addWidget(self.orders, 1)
        self.partner_box.currentIndexChanged.connect(self.show_partner)
        self.refresher = Refresher(self, self.refresh, ops)  # not while on another tab
        self.refresh()

    def refresh(self) -> bool:
        current = self.partner_box.currentData()
        self.partner_box.blockSignals(True)
        self.partner_box.clear()
        for p in Partner.select().where(Partner.kind == self.kind).order_by(Partner.code):
            self.partner_box.addItem(f"{p.code} {p.name}", p.code)
        index = self.partner_box.findData(current)
        self.partner_box.setCurrentIndex(max(index, 0))
        self.partner_box.blockSignals(False)
        self.show_partner()
        return True

    def show_partner(self) -> None:
        code = self.partner_box.currentData()
        if not code:
            self.summary.setText("")
            self.table.setRowCount(0)
            self.orders.setRowCount(0)
            return
        kind = "receivable" if self.kind == "customer" else "payable"
        aging = aging_rows(kind, ReportParams(partner=code))
        row = aging[0] if aging else None
        parts = [tr("余额", "Balance") + ": " + format_money(row["total"] if row else 0)]
        for key, _, _ in BUCKETS:
            parts.append(f"{key}: {format_money(row[key] if row else 0)}")
        parts.append(tr("逾期", "Overdue") + ": " + format_money(row["overdue"] if row else 0))
        self.summary.setText("    ".join(parts))
        lines = statement_rows(ReportParams(partner=code))
        self.table.setRowCount(len(lines))
        for r, line in enumerate(lines):
            values = [
                line["date"].isoformat() if line["date"] else "",
                line["number"],
                line["type"],
                format_money(line["debit"]),
                format_money(line["credit"]),
                format_money(line["balance"]),
            ]
            for c, value in enumerate(values):
                self.table.setItem(r, c, _cell(value, right=c >= 3))
        self.table.resizeColumnsToContents()
        _min_widths(self.table, (3, 4, 5), 110)
        self._show_orders(code)

    def _show_orders(self, code: str) -> None:
        rows = execution_rows(ReportParams(partner=code))
        self.orders.setRowCount(len(rows))
        for r, row in enumerate(rows):
            values = [
                row["number"],
                "  ".join(t for t in (row["item"], row["item_name"], row["spec"]) if t),
                format_qty(row["ordered"]),
                format_qty(row["delivered"]),
                format_qty(row["invoiced"]),
                row["status"],
            ]
            for c, value in enumerate(values):
                self.orders.setItem(r, c, _cell(value, right=2 <= c <= 4))
        self.orders.resizeColumnsToContents()
        _min_widths(self.orders, (2, 3, 4), 90)


def _hint_text(kind: str) -> str:
    """The statement is empty only with no partner to choose (a chosen one has its 期初
    row at least)."""
    if kind == "customer":
        return tr(
            "还没有客户：先在 基础资料 › 客户 中添加，再在上面选择往来单位。",
            "No customers yet: add one in Base data › Customers, then choose it above.",
        )
    return tr(
        "还没有供应商：先在 基础资料 › 供应商 中添加，再在上面选择往来单位。",
        "No suppliers yet: add one in Base data › Suppliers, then choose it above.",
    )


def _cell(text: str, right: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    if right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


def _min_widths(table: QTableWidget, columns, width: int) -> None:
    """Amount columns wide enough that 1,234,567.89 never squeezes them."""
    for col in columns:
        table.setColumnWidth(col, max(table.columnWidth(col), width))
