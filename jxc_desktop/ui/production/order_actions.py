"""What the 生产订单 and 委外 pages share: a list that loads when first shown (and on
changes while visible), and small dialogs that turn the chosen order into one approved
document (领料, 完工入库, 发料, 收货, 退料) from or into a warehouse."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QVBoxLayout,
    QWidget,
)

from jxc_desktop.ui.buttons import button
from jxc_desktop.ui.ops import Ops
from jxc_desktop.ui.production.widgets import RowsTable


class OrderActionDialog(QDialog):
    """A form ending in a warehouse choice and OK / Cancel; OK runs the engine action and
    keeps the new document's number (the dialog stays open, with the errors, on failure)."""

    def __init__(self, ops: Ops, title: str, parent=None):
        super().__init__(parent)
        self.ops = ops
        self.number: str | None = None
        self.setWindowTitle(title)
        self.form = QFormLayout(self)
        self.warehouse = QComboBox()

    def finish_form(self, warehouse_label: str) -> None:
        from jxc_desktop.ui import choices

        for code, name in choices.warehouses():
            self.warehouse.addItem(f"{code}  {name}", code)
        self.form.addRow(warehouse_label, self.warehouse)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        self.form.addRow(buttons)

    def action(self) -> Callable[[], str]:
        """The engine call that saves and approves the document; returns its number."""
        raise TypeError(f"{type(self).__name__} names no action")

    def submit(self) -> bool:
        ok, number = self.ops.run(self.action(), parent=self, changed="documents")
        if ok:
            self.number = number
            self.accept()
        return ok


class OrderListTab(QWidget):
    """A table of orders over a button bar; loads when first shown and again on every
    change while it is visible (otherwise when next shown)."""

    def __init__(self, ops: Ops, columns, load: Callable[[], list[dict]], parent=None):
        super().__init__(parent)
        self.ops, self._load = ops, load
        self.dialog: QDialog | None = None
        self._stale = True
        self.table = RowsTable(columns)
        self.table.setColumnWidth(0, 170)  # a whole order number (SCDD20261101-0001)
        self.bar = QHBoxLayout()
        self.layout_ = QVBoxLayout(self)
        self.layout_.addLayout(self.bar)
        self.layout_.addWidget(self.table)

    def add_buttons(self, buttons) -> None:
        for text, slot, name in buttons:
            self.bar.addWidget(button(text, slot, name))
        self.bar.addStretch(1)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def mark_stale(self) -> None:
        """Data changed: reload now if visible, else when next shown."""
        self._stale = True
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        ok, rows = self.ops.run(self._load, parent=self)
        if ok:
            self._stale = False
            self.table.fill(rows)

    def open_dialog(self, make: Callable[[str], QDialog]) -> None:
        """Opens make(number of the chosen order); nothing when no order is chosen."""
        row = self.table.current()
        if row is None:
            return
        self.dialog = make(row["number"])
        self.dialog.open()
