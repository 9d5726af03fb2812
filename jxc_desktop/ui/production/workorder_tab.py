"""The 生产订单 sub-tab: the work-order list (status in words), 新建生产订单, and 领料 /
完工入库 for the chosen order."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
)

from jxc_desktop.engine.i18n import tr
from jxc_desktop.ui.ops import Ops
from jxc_desktop.ui.production.order_actions import OrderActionDialog, OrderListTab, item_names


def _columns():
    return [
        ("number", tr("生产订单", "Work order")),
        ("item", tr("产品", "Item")),
        ("status_label", tr("状态", "Status")),
        ("planned_qty", tr("计划数量", "Planned"), "qty"),
        ("completed_qty", tr("完工数量", "Completed"), "qty"),
        ("wip", tr("在制材料", "Material WIP"), "money"),
    ]


def _made_items() -> list[tuple[str, str]]:
    """(code, name) of the active items made in house, by code."""
    from jxc_desktop.models.masterdata import Item

    query = Item.select().where(Item.active & (Item.source == "make")).order_by(Item.code)
    return [(i.code, i.name) for i in query]


def _order_rows() -> list[dict]:
    from jxc_desktop.engine.production.workorders import status_label, work_orders

    return [vars(v) | {"wip": v.wip, "status_label": status_label(v.status)} for v in work_orders()]


class NewWorkOrderDialog(QDialog):
    """新建生产订单: product, quantity, due date, warehouse; saved and released at once."""

    def __init__(self, ops: Ops, parent=None):
        from jxc_desktop.ui import choices

        super().__init__(parent)
        self.ops = ops
        self.number: str | None = None
        self.setWindowTitle(tr("新建生产订单", "New work order"))
        self.item = QComboBox()
        self.item.setObjectName("woItem")
        for code, name in _made_items():
            self.item.addItem(f"{code}  {name}", code)
        self.qty = QLineEdit()
        self.qty.setObjectName("woQty")
        today = dt.date.today() + dt.timedelta(days=7)
        self.due = QDateEdit(QDate(today.year, today.month, today.day))
        self.due.setObjectName("woDue")
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("yyyy-MM-dd")
        self.warehouse = QComboBox()
        self.warehouse.setObjectName("woWarehouse")
        self.warehouse.addItem("", "")
        for code, name in choices.warehouses():
            self.warehouse.addItem(f"{code}  {name}", code)
        form = QFormLayout(self)
        form.addRow(tr("产品", "Product"), self.item)
        form.addRow(tr("数量", "Quantity"), self.qty)
        form.addRow(tr("交货日期", "Due date"), self.due)
        form.addRow(tr("完工入库仓库", "Finished goods warehouse"), self.warehouse)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def submit(self) -> bool:
        """Saves and releases the order; the dialog stays open (with the errors) on failure."""
        from jxc_desktop.engine.production.workorders import create_work_order

        item = self.item.currentData() or ""
        qty = self.qty.text().strip() or "0"
        due = self.due.date().toPython()
        warehouse = self.warehouse.currentData() or ""
        ok, number = self.ops.run(
            lambda: create_work_order(item, qty, due, warehouse),
            parent=self,
            changed="documents",
        )
        if ok:
            self.number = number
            self.accept()
        return ok


class FloorDialog(OrderActionDialog):
    """领料 (the order's remaining BOM materials) or 完工入库 (a quantity of the product)
    for the chosen work order, from a warehouse; saved and approved at once."""

    def __init__(self, ops: Ops, number: str, receive: bool, parent=None):
        title = (
            tr("完工入库 {n}", "Receive finished goods {n}", n=number)
            if receive
            else tr("生产领料 {n}", "Issue materials {n}", n=number)
        )
        super().__init__(ops, title, parent)
        self.wo, self.receive = number, receive
        self.wanted: list = []
        self.qty = QLineEdit()
        self.qty.setObjectName("floorQty")
        self.plan = QLabel("" if receive else self._to_issue_text())
        if receive:
            self.form.addRow(tr("入库数量", "Quantity"), self.qty)
        else:
            self.form.addRow(self.plan)
        self.warehouse.setObjectName("floorWarehouse")
        self.finish_form(
            tr("入库仓库", "To warehouse") if receive else tr("发料仓库", "From warehouse")
        )

    def _to_issue_text(self) -> str:
        from jxc_desktop.engine.money import format_qty
        from jxc_desktop.engine.production.floor import to_issue

        self.wanted = to_issue(self.wo)
        if not self.wanted:
            return tr("BOM 材料已领齐", "All BOM materials have been issued")
        names = item_names([code for code, _qty in self.wanted])
        listed = "\n".join(
            f"{code}  {names.get(code, '')}  {format_qty(qty)}" for code, qty in self.wanted
        )
        return tr("按 BOM 还需领用：", "Still to issue by the BOM:") + "\n" + listed

    def blocked(self) -> str:
        if self.receive or self.wanted:
            return ""
        return tr("BOM 材料已领齐，无需再领料", "All BOM materials have been issued")

    def warnings(self) -> list[str]:
        from jxc_desktop.engine.production import floor

        return floor.receive_warnings(self.wo) if self.receive else []

    def action(self):
        from jxc_desktop.engine.production import floor

        wo, warehouse, qty = self.wo, self.warehouse.currentData() or "", self.qty.text()
        if self.receive:
            return lambda: floor.receive_finished(wo, qty.strip() or "0", warehouse)
        return lambda: floor.issue_materials(wo, warehouse)


class WorkOrderTab(OrderListTab):
    """Loads when first shown and again on every change while it is visible."""

    def __init__(self, ops: Ops, parent=None):
        super().__init__(ops, _columns(), _order_rows, parent)
        self.table.setObjectName("workOrders")
        self.add_buttons(
            [
                (tr("新建生产订单", "New work order"), self.new_order, "woNew"),
                (tr("领料", "Issue materials"), lambda: self.floor(False), "woIssue"),
                (tr("完工入库", "Receive finished"), lambda: self.floor(True), "woReceive"),
                (tr("刷新", "Refresh"), self.refresh, "woRefresh"),
                (tr("完工", "Complete"), lambda: self.set_status("completed"), "woComplete"),
                (tr("关闭", "Close"), lambda: self.set_status("closed"), "woClose"),
            ]
        )

    def new_order(self) -> None:
        self.dialog = NewWorkOrderDialog(self.ops, self)
        self.dialog.open()

    def floor(self, receive: bool) -> None:
        self.open_dialog(lambda number: FloorDialog(self.ops, number, receive, self))

    def set_status(self, status: str) -> None:
        from jxc_desktop.engine.production.workorders import set_status

        row = self.table.current()
        if row is not None:
            self.ops.run(
                lambda: set_status(row["number"], status), parent=self, changed="documents"
            )
