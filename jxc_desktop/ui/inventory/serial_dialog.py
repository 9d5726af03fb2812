"""The 序列号 dialog of a document line: scan serials one per Enter, the way 管家婆 does.

Each scan adds one serial (a pasted list separated by comma, space or 、 adds them all);
a repeated serial, one already in stock (receipts) or one not on hand in the
warehouse (issues, transfers) is refused in red with a beep and the list stays as it
was. Issues offer the serials on hand as a pick list. "已录 n / 应录 m" shows the count
against the line's quantity; on 确定 a line in the base unit takes the count as its
quantity. The dialog opens non-modally (`open()`): the scanner keeps typing into it.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
)

from jxc_desktop.engine import money
from jxc_desktop.engine.i18n import tr as etr
from jxc_desktop.engine.inventory import serials
from jxc_desktop.engine.scanning import DraftLine
from jxc_desktop.ui.inventory.scan_field import ScanField


def count_text(entered: int, wanted: Decimal) -> str:
    """ "已录 2 / 应录 3": what the grid cell and the dialog show."""
    return etr(
        "已录 {n} / 应录 {m}",
        "{n} of {m} entered",
        n=entered,
        m=money.format_qty(wanted),
    )


class SerialDialog(QDialog):
    done_with = Signal(list)  # the serials, emitted on 确定

    def __init__(self, doc_type: str, line: DraftLine, warehouse_id: int | None, parent=None):
        super().__init__(parent)
        self.doc_type = doc_type
        self.line = line
        self.warehouse_id = warehouse_id
        self.wanted = money.qty(line.qty * line.factor)
        self.issue = doc_type not in serials.RECEIPTS
        # read once: thousands of serials on hand must not be re-read on every scan
        self.on_hand = serials.in_stock(line.item_id, warehouse_id) if self.issue else []
        self.setObjectName("serialDialog")
        self.setWindowTitle(etr("序列号 - {name}", "Serial numbers - {name}", name=line.name))
        self.resize(520, 460)
        layout = QVBoxLayout(self)
        head = QLabel(f"{line.code}  {line.name}  {line.spec}".strip())
        head.setStyleSheet("font-weight: bold;")
        self.count = QLabel()
        self.count.setObjectName("serialCount")
        self.count.setStyleSheet("font-size: 12pt;")
        top = QHBoxLayout()
        top.addWidget(head, 1)
        top.addWidget(self.count)
        layout.addLayout(top)
        self.scan = ScanField()
        self.scan.edit.setObjectName("serialScan")
        self.scan.edit.setPlaceholderText(
            etr("逐个扫描序列号，每个回车一次", "Scan the serial numbers, Enter after each")
        )
        self.scan.scanned.connect(self.add_text)
        layout.addWidget(self.scan)
        lists = QHBoxLayout()
        lists.addLayout(self._build_entered(), 1)
        if self.issue:
            lists.addLayout(self._build_pick(), 1)
        layout.addLayout(lists, 1)
        layout.addLayout(self._build_buttons())
        self._refresh()
        self.scan.setFocus()

    def _build_entered(self) -> QVBoxLayout:
        box = QVBoxLayout()
        box.addWidget(QLabel(etr("已录入的序列号", "Serials entered")))
        self.entered = QListWidget()
        self.entered.setObjectName("serialList")
        self.entered.addItems(self.line.serials)
        box.addWidget(self.entered, 1)
        remove = QPushButton(etr("删除选中", "Remove selected"))
        remove.setObjectName("btn_serialRemove")
        remove.setAutoDefault(False)
        remove.clicked.connect(self.remove_selected)
        box.addWidget(remove)
        return box

    def _build_pick(self) -> QVBoxLayout:
        """Issues: the serials on hand in the warehouse (double-click or 添加 to take)."""
        box = QVBoxLayout()
        box.addWidget(QLabel(etr("本仓库在库序列号", "Serials on hand in this warehouse")))
        self.pick = QListWidget()
        self.pick.setObjectName("serialPick")
        self.pick.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.pick.itemDoubleClicked.connect(lambda item: self.add_text(item.text()))
        box.addWidget(self.pick, 1)
        take = QPushButton(etr("添加选中", "Add selected"))
        take.setObjectName("btn_serialTake")
        take.setAutoDefault(False)
        take.clicked.connect(self.take_selected)
        box.addWidget(take)
        return box

    def _build_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addStretch(1)
        for name, text, slot in (
            ("serialOk", etr("确定", "OK"), self.accept),
            ("serialCancel", etr("取消", "Cancel"), self.reject),
        ):
            button = QPushButton(text)
            button.setObjectName(f"btn_{name}")
            button.setAutoDefault(False)  # Enter belongs to the scanner field
            button.clicked.connect(slot)
            row.addWidget(button)
        return row

    # -- entering -------------------------------------------------------------------------
    def serials(self) -> list[str]:
        return [self.entered.item(i).text() for i in range(self.entered.count())]

    def add_text(self, text: str) -> bool:
        """One scan (or a pasted list): all added, or none and the reason in red."""
        wanted = serials.parse_serials(text)
        have = self.serials()
        for serial in wanted:
            problem = serials.check_entry(
                self.doc_type, self.line.item_id, self.warehouse_id, serial, have
            )
            if problem:
                self.scan.show_error(problem)
                return False
            have.append(serial)
        self.entered.addItems(wanted)
        self.entered.scrollToBottom()
        self._refresh()
        self.scan.show_ok(etr("已录入 {s}", "Entered {s}", s="、".join(wanted)))
        self.scan.setFocus()
        return True

    def take_selected(self) -> None:
        chosen = [item.text() for item in self.pick.selectedItems()]
        if chosen:
            self.add_text(" ".join(chosen))

    def remove_selected(self) -> None:
        for item in self.entered.selectedItems():
            self.entered.takeItem(self.entered.row(item))
        self._refresh()
        self.scan.setFocus()

    def _refresh(self) -> None:
        have = self.serials()
        full = Decimal(len(have)) == self.wanted
        self.count.setText(count_text(len(have), self.wanted))
        self.count.setStyleSheet("font-size: 12pt; color: %s;" % ("#1a7f37" if full else "#b35900"))
        if self.issue:
            taken = set(have)
            self.pick.clear()
            self.pick.addItems([s for s in self.on_hand if s not in taken])

    def accept(self) -> None:
        """The line takes the serials; in the base unit its quantity follows the count."""
        self.line.serials = self.serials()
        if self.line.factor == 1:
            self.line.qty = Decimal(len(self.line.serials))
        self.done_with.emit(self.line.serials)
        super().accept()

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """Enter from a scanner never closes the dialog; Esc still cancels."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            return
        super().keyPressEvent(event)
