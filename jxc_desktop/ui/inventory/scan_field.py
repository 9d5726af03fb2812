"""The scanner field: a keyboard-wedge scanner types a code and Enter.

Each Enter is exactly one scan: the text is taken and the field cleared inside the
same key event, before Qt delivers the next keystroke, so scans arriving 10+ per
second are never split or merged. Results show in a message line under the field:
green for a good scan, red (and a beep) for an unknown code or a bad quantity.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QVBoxLayout, QWidget

from jxc_desktop.ui.i18n import tr

OK_STYLE = "color: #1a7f37; font-size: 11pt;"
ERROR_STYLE = "color: #ffffff; background: #d32f2f; font-size: 11pt; padding: 3px 6px;"
FIELD_STYLE = (
    "QLineEdit { font-size: 15pt; padding: 5px 8px; border: 2px solid #1f6feb;"
    " border-radius: 4px; }"
)


class _ScanEdit(QLineEdit):
    """Keeps Enter to itself: a dialog must never also "press" a button on a scan."""

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().keyPressEvent(event)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()


class ScanField(QWidget):
    scanned = Signal(str)  # one scan's raw text (may carry a 5* prefix)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.edit = _ScanEdit()
        self.edit.setObjectName("scanField")
        self.edit.setPlaceholderText(tr("扫描条码或输入编码后回车；先输入 5* 再扫描可设数量"))
        self.edit.setStyleSheet(FIELD_STYLE)
        self.edit.setFont(QFont(self.edit.font().family(), 15))
        self.edit.returnPressed.connect(self._take)
        self.message = QLabel(tr("就绪：请扫描"))
        self.message.setObjectName("scanMessage")
        self.message.setStyleSheet(OK_STYLE)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.errors = 0  # red messages shown (tests, and a counter for the status)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        layout.addWidget(self.edit)
        layout.addWidget(self.message)
        self.setFocusProxy(self.edit)

    def _take(self) -> None:
        text = self.edit.text()
        self.edit.clear()  # before anything else: the next scan starts on an empty field
        if text.strip():
            self.scanned.emit(text)

    def show_ok(self, text: str) -> None:
        self.message.setStyleSheet(OK_STYLE)
        self.message.setText("✓ " + text)

    def show_error(self, text: str) -> None:
        self.errors += 1
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText("✗ " + text)
        QApplication.beep()

    def is_error(self) -> bool:
        return "d32f2f" in self.message.styleSheet()
