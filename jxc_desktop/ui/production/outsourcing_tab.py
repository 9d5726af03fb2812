"""The 委外 sub-tab: approved 委外订单 with 发料 (the BOM's materials), 收货 (the product
at a processing fee) and 退料 (what is left at the subcontractor); the subcontractor
reconciliation is in 报表 (委外对账)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jxc_desktop.engine.i18n import tr
from jxc_desktop.ui.ops import Ops
from jxc_desktop.ui.production.widgets import RowsTable


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


class OutsourcingDialog(QDialog):
    """发料 (send), 收货 (receive) or 退料 (return) for one order, from / into a warehouse;
    saved and approved at once."""

    def __init__(self, ops: Ops, number: str, mode: str, parent=None):
        from jxc_desktop.ui import choices

        super().__init__(parent)
        self.ops, self.order, self.mode = ops, number, mode
        receive = mode == "receive"
        self.number: str | None = None
        self.setWindowTitle(
            {
                "receive": tr("委外收货 {n}", "Receive from subcontractor {n}", n=number),
                "send": tr("委外发料 {n}", "Send materials {n}", n=number),
                "return": tr("委外退料 {n}", "Materials back {n}", n=number),
            }[mode]
        )
        form = QFormLayout(self)
        self.qty, self.fee = QLineEdit(), QLineEdit()
        plan = {"send": self._to_send_text, "return": self._held_text}.get(mode)
        self.plan = QLabel(plan() if plan else "")
        if receive:
            form.addRow(tr("收货数量", "Quantity"), self.qty)
            form.addRow(tr("加工费单价（不含税）", "Processing fee per unit (excl. VAT)"), self.fee)
        else:
            form.addRow(self.plan)
        self.warehouse = QComboBox()
        for code, name in choices.warehouses():
            self.warehouse.addItem(f"{code}  {name}", code)
        label = (
            tr("发料仓库", "From warehouse") if mode == "send" else tr("入库仓库", "To warehouse")
        )
        form.addRow(label, self.warehouse)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _to_send_text(self) -> str:
        from jxc_desktop.engine.money import format_qty
        from jxc_desktop.engine.production.outsourcing_actions import to_send

        wanted = to_send(self.order)
        if not wanted:
            return tr("BOM 材料已发齐", "All BOM materials have been sent")
        listed = "\n".join(f"{code}  {format_qty(qty)}" for code, qty in wanted)
        return tr("按 BOM 还需发料：", "Still to send by the BOM:") + "\n" + listed

    def _held_text(self) -> str:
        from jxc_desktop.engine.money import format_qty
        from jxc_desktop.engine.production.outsourcing_actions import at_subcontractor

        held = at_subcontractor(self.order)
        if not held:
            return tr("加工单位没有剩余材料", "Nothing is left at the subcontractor")
        listed = "\n".join(f"{code}  {format_qty(qty)}" for code, qty in held)
        return tr("退回加工单位的剩余材料：", "Returned from the subcontractor:") + "\n" + listed

    def submit(self) -> bool:
        from jxc_desktop.engine.production import outsourcing_actions as oa

        order, warehouse = self.order, self.warehouse.currentData() or ""
        qty, fee = self.qty.text().strip() or "0", self.fee.text().strip() or "0"
        if self.mode == "receive":
            work = lambda: oa.receive_product(order, qty, fee, warehouse)  # noqa: E731
        elif self.mode == "return":
            work = lambda: oa.return_materials(order, warehouse)  # noqa: E731
        else:
            work = lambda: oa.send_materials(order, warehouse)  # noqa: E731
        ok, number = self.ops.run(work, parent=self, changed="documents")
        if ok:
            self.number = number
            self.accept()
        return ok


class OutsourcingTab(QWidget):
    def __init__(self, ops: Ops, parent=None):
        super().__init__(parent)
        self.ops = ops
        self.dialog: OutsourcingDialog | None = None
        self._stale = True
        self.table = RowsTable(_columns())
        self.table.setObjectName("outsourcingOrders")
        self.table.setColumnWidth(0, 170)
        bar = QHBoxLayout()
        for text, slot, name in (
            (tr("发料", "Send materials"), lambda: self.act("send"), "wwSend"),
            (tr("收货", "Receive"), lambda: self.act("receive"), "wwReceive"),
            (tr("退料", "Materials back"), lambda: self.act("return"), "wwReturn"),
            (tr("刷新", "Refresh"), self.refresh, "wwRefresh"),
        ):
            button = QPushButton(text)
            button.setObjectName(name)
            button.clicked.connect(slot)
            bar.addWidget(button)
        bar.addStretch(1)
        hint = QLabel(
            tr(
                "委外订单在采购中录入并审核；对账见 报表 → 委外对账。",
                "Enter and approve outsourcing orders (WWDD) first; reconciliation: "
                "Reports → Outsourcing reconciliation.",
            )
        )
        hint.setStyleSheet("color: #666;")
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table)
        layout.addWidget(hint)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def mark_stale(self) -> None:
        self._stale = True
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        ok, rows = self.ops.run(_order_rows, parent=self)
        if ok:
            self._stale = False
            self.table.fill(rows)

    def act(self, mode: str) -> None:
        row = self.table.current()
        if row is None:
            return
        self.dialog = OutsourcingDialog(self.ops, row["number"], mode, self)
        self.dialog.open()
