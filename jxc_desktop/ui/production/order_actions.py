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


def item_names(codes) -> dict[str, str]:
    """Item name per code, for lists that would otherwise show bare codes."""
    from jxc_desktop.models.masterdata import Item

    wanted = sorted({c for c in codes if c})
    out: dict[str, str] = {}
    for start in range(0, len(wanted), 500):  # bounded IN lists on any database
        chunk = wanted[start : start + 500]
        query = Item.select(Item.code, Item.name).where(Item.code.in_(chunk))
        out.update({code: name for code, name in query.tuples()})
    return out


def with_item_names(rows: list[dict]) -> list[dict]:
    """The rows with an 'item_label' ("code  name") beside their 'item' code."""
    names = item_names(r.get("item") for r in rows)
    return [
        r | {"item_label": f"{r.get('item') or ''}  {names.get(r.get('item'), '')}".strip()}
        for r in rows
    ]


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
        self.finish_buttons()

    def finish_buttons(self) -> None:
        """OK and Cancel under the form; OK is off (with the reason) when blocked()."""
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        self.form.addRow(buttons)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        hint = self.blocked()
        if hint:  # nothing to do: say so instead of offering an OK that only errs
            self.ok_button.setEnabled(False)
            self.ok_button.setToolTip(hint)

    def blocked(self) -> str:
        """Why the action cannot run at all (OK is disabled); empty when it can."""
        return ""

    def action(self) -> Callable[[], str]:
        """The engine call that saves and approves the document; returns its number."""
        raise TypeError(f"{type(self).__name__} names no action")

    def warnings(self) -> list[str]:
        """What the user must confirm before the action runs (none by default)."""
        return []

    def submit(self) -> bool:
        """Runs the action, or first asks the user to confirm the action's warnings."""
        from jxc_desktop.engine.i18n import tr
        from jxc_desktop.ui import messages

        if not self.ok_button.isEnabled():
            return False
        ok, found = self.ops.run(self.warnings, parent=self)
        if not ok:
            return False
        if found:
            text = "\n".join(found) + "\n\n" + tr("仍要继续吗？", "Go ahead anyway?")
            self.question = messages.confirm(self, text)
            self.question.accepted.connect(self.run_action)
            return False
        return self.run_action()

    def run_action(self) -> bool:
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
        # the rows keep the item's code (scripts, tests); the list shows "code  name"
        self.table.keys = ["item_label" if k == "item" else k for k in self.table.keys]
        self.table.setColumnWidth(0, 170)  # a whole order number (SCDD20261101-0001)
        for key in ("item_label", "partner"):  # code and name / a company's name, unclipped
            if key in self.table.keys:
                self.table.setColumnWidth(self.table.keys.index(key), 220)
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
        ok, rows = self.ops.run(lambda: with_item_names(self._load()), parent=self)
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
