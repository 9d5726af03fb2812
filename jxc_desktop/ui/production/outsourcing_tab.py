"""The 委外 sub-tab: approved 委外订单 with 发料 (the BOM's materials), 收货 (the product
at a processing fee), 退料 (what is left at the subcontractor) and 开加工费发票 (the
subcontractor's fee invoice of what was received and not yet invoiced: a 采购发票 draft
opened in its form, or approved at once); the reconciliation is in 报表 (委外对账)."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit

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
        ("invoiced", tr("加工费已开票", "Fee invoiced"), "qty"),
        ("uninvoiced_fee", tr("未开票加工费", "Fee not invoiced"), "money"),
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

    def blocked(self) -> str:
        """Nothing left to send or to bring back: OK stays off, the hint says why."""
        from jxc_desktop.engine.production import outsourcing_actions as oa

        if self.mode == "send" and not oa.to_send(self.order):
            return tr("BOM 材料已发齐，无需再发料", "All BOM materials have been sent")
        if self.mode == "return" and not oa.at_subcontractor(self.order):
            return tr("加工单位没有剩余材料", "Nothing is left at the subcontractor")
        return ""

    def action(self):
        from jxc_desktop.engine.production import outsourcing_actions as oa

        order, warehouse = self.order, self.warehouse.currentData() or ""
        qty, fee = self.qty.text().strip() or "0", self.fee.text().strip() or "0"
        if self.mode == "receive":
            return lambda: oa.receive_product(order, qty, fee, warehouse)
        if self.mode == "return":
            return lambda: oa.return_materials(order, warehouse)
        return lambda: oa.send_materials(order, warehouse)


def _uninvoiced_text(number: str) -> str:
    from jxc_desktop.engine.money import format_money, format_qty
    from jxc_desktop.engine.production.outsourcing_actions import uninvoiced_fee

    rows = uninvoiced_fee(number)
    if not rows:
        return tr("没有未开票的加工费", "No processing fee is left to invoice")
    lines = [
        tr(
            "{n}  数量 {q}  加工费 {f}",
            "{n}  qty {q}  fee {f}",
            n=r.receipt,
            q=format_qty(r.qty),
            f=format_money(r.total),
        )
        for r in rows
    ]
    return tr("未开票的委外入库：", "Received, not yet invoiced:") + "\n" + "\n".join(lines)


class FeeInvoiceDialog(OrderActionDialog):
    """开加工费发票: one 采购发票 of the fee not yet invoiced; a draft to check (opened in
    the purchase form) unless 直接审核 is ticked."""

    def __init__(self, ops: Ops, number: str, parent=None):
        super().__init__(
            ops, tr("开加工费发票 {n}", "Processing-fee invoice {n}", n=number), parent
        )
        self.order = number
        self.plan = QLabel(_uninvoiced_text(number))
        self.approve_now = QCheckBox(tr("直接审核（不打开发票）", "Approve at once"))
        self.form.addRow(self.plan)
        self.form.addRow(self.approve_now)
        self.finish_buttons()  # no warehouse: an invoice moves no stock

    def blocked(self) -> str:
        from jxc_desktop.engine.production import outsourcing_actions as oa

        if not oa.uninvoiced_fee(self.order):
            return tr("没有未开票的加工费", "No processing fee is left to invoice")
        return ""

    def action(self):
        from jxc_desktop.engine.production import outsourcing_actions as oa

        order, approve = self.order, self.approve_now.isChecked()
        return lambda: oa.invoice_fee(order, approve=approve)


class OutsourcingTab(OrderListTab):
    def __init__(self, ops: Ops, parent=None):
        super().__init__(ops, _columns(), _order_rows, parent)
        self.table.setObjectName("outsourcingOrders")
        self.add_buttons(
            [
                (tr("发料", "Send materials"), lambda: self.act("send"), "wwSend"),
                (tr("收货", "Receive"), lambda: self.act("receive"), "wwReceive"),
                (tr("退料", "Materials back"), lambda: self.act("return"), "wwReturn"),
                (tr("开加工费发票", "Fee invoice"), self.invoice_fee, "wwInvoice"),
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

    def invoice_fee(self) -> None:
        """开加工费发票 for the chosen order; the draft opens in the 采购发票 form."""
        self.open_dialog(lambda number: FeeInvoiceDialog(self.ops, number, self))
        if self.dialog is not None:
            self.dialog.accepted.connect(self._open_invoice)

    def _open_invoice(self):
        from jxc_desktop.engine import documents
        from jxc_desktop.ui.trade.trade_form import TradeForm

        dialog = self.dialog
        if dialog is None or not dialog.number or dialog.approve_now.isChecked():
            return None
        doc = documents.find_document(dialog.number)
        self.form = TradeForm(self.ops, "CGFP", self, doc_id=doc.id)
        self.form.open()
        return self.form
