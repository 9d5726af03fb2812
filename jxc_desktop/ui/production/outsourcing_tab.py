"""The 委外 sub-tab: approved 委外订单 with 发料 (the BOM's materials), 收货 (the product
at a processing fee) and 退料 (what is left at the subcontractor); the subcontractor
reconciliation is in 报表 (委外对账)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit

from jxc_desktop.engine.i18n import tr
from jxc_desktop.ui.ops import Ops
from jxc_desktop.ui.production.order_actions import OrderActionDialog, OrderListTab


def _columns():
    return [
        ("number", tr("委外订单", "Outsourcing order")),
        ("partner", tr("加工单位", "Subcontractor")),
        ("item", tr("产品", "Item")),
        ("qty", tr("订购数量", "Ordered"), "qty"),
        ("received", tr("已收货", "Received"), "qty"),
    ]


def _order_rows() -> list[dict]:
    from jxc_desktop.engine.production.outsourcing_actions import open_orders

    return [vars(o) for o in open_orders()]


def _listed(title: str, empty: str, rows) -> str:
    from jxc_desktop.engine.money import format_qty

    if not rows:
        return empty
    return title + "\n" + "\n".join(f"{code}  {format_qty(qty)}" for code, qty in rows)


class OutsourcingDialog(OrderActionDialog):
    """发料 (send), 收货 (receive) or 退料 (return) for one order; saved and approved at once."""

    def __init__(self, ops: Ops, number: str, mode: str, parent=None):
        from jxc_desktop.engine.production import outsourcing_actions as oa

        titles = {
            "receive": tr("委外收货 {n}", "Receive from subcontractor {n}", n=number),
            "send": tr("委外发料 {n}", "Send materials {n}", n=number),
            "return": tr("委外退料 {n}", "Materials back {n}", n=number),
        }
        super().__init__(ops, titles[mode], parent)
        self.order, self.mode = number, mode
        self.qty, self.fee = QLineEdit(), QLineEdit()
        self.plan = QLabel()
        if mode == "receive":
            self.form.addRow(tr("收货数量", "Quantity"), self.qty)
            self.form.addRow(
                tr("加工费单价（不含税）", "Processing fee per unit (excl. VAT)"), self.fee
            )
        elif mode == "send":
            self.plan.setText(
                _listed(
                    tr("按 BOM 还需发料：", "Still to send by the BOM:"),
                    tr("BOM 材料已发齐", "All BOM materials have been sent"),
                    oa.to_send(number),
                )
            )
        else:
            self.plan.setText(
                _listed(
                    tr("退回加工单位的剩余材料：", "Returned from the subcontractor:"),
                    tr("加工单位没有剩余材料", "Nothing is left at the subcontractor"),
                    oa.at_subcontractor(number),
                )
            )
        if mode != "receive":
            self.form.addRow(self.plan)
        sending = mode == "send"
        self.finish_form(
            tr("发料仓库", "From warehouse") if sending else tr("入库仓库", "To warehouse")
        )

    def action(self):
        from jxc_desktop.engine.production import outsourcing_actions as oa

        order, warehouse = self.order, self.warehouse.currentData() or ""
        qty, fee = self.qty.text().strip() or "0", self.fee.text().strip() or "0"
        if self.mode == "receive":
            return lambda: oa.receive_product(order, qty, fee, warehouse)
        if self.mode == "return":
            return lambda: oa.return_materials(order, warehouse)
        return lambda: oa.send_materials(order, warehouse)


class OutsourcingTab(OrderListTab):
    def __init__(self, ops: Ops, parent=None):
        super().__init__(ops, _columns(), _order_rows, parent)
        self.table.setObjectName("outsourcingOrders")
        self.add_buttons(
            [
                (tr("发料", "Send materials"), lambda: self.act("send"), "wwSend"),
                (tr("收货", "Receive"), lambda: self.act("receive"), "wwReceive"),
                (tr("退料", "Materials back"), lambda: self.act("return"), "wwReturn"),
                (tr("刷新", "Refresh"), self.refresh, "wwRefresh"),
            ]
        )
        hint = QLabel(
            tr(
                "委外订单在采购中录入并审核；对账见 报表 → 委外对账。",
                "Enter and approve outsourcing orders (WWDD) first; reconciliation: "
                "Reports → Outsourcing reconciliation.",
            )
        )
        hint.setStyleSheet("color: #666;")
        self.layout_.addWidget(hint)

    def act(self, mode: str) -> None:
        self.open_dialog(lambda number: OutsourcingDialog(self.ops, number, mode, self))
