"""Edit dialogs that show EVERY validation problem at once, next to its field.

The engine names each problem's field by the input dataclass attribute; a dialog
registers one widget per attribute, and `show_problems` paints each named widget red
with its messages underneath. Problems without a known field go to the banner on top.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from jxc_desktop.engine.errors import Problem, ValidationError
from jxc_desktop.ui.i18n import tr
from jxc_desktop.ui.ops import Ops

ERROR_STYLE = "border: 1px solid #d32f2f;"
ERROR_LABEL_STYLE = "color: #d32f2f;"


def error_label() -> QLabel:
    label = QLabel()
    label.setStyleSheet(ERROR_LABEL_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


def combo(options: list[tuple[str, Any]], editable: bool = False) -> QComboBox:
    box = QComboBox()
    box.setEditable(editable)
    for text, value in options:
        box.addItem(text, value)
    return box


def combo_value(box: QComboBox) -> Any:
    """The chosen value; for an editable box, typed text that matches no item."""
    if box.isEditable():
        text = box.currentText().strip()
        index = box.findText(text)
        return box.itemData(index) if index >= 0 else (text or None)
    return box.currentData()


def set_combo_value(box: QComboBox, value: Any) -> None:
    index = box.findData(value)
    if index >= 0:
        box.setCurrentIndex(index)
    elif box.isEditable():
        box.setEditText("" if value is None else str(value))


class RecordDialog(QDialog):
    """A form over one engine dataclass.

    Subclasses build their fields, set `saver` (the engine's save(data, id) function)
    and define `collect()` returning the dataclass from the widgets.
    """

    changed_name = ""  # what the ops "changed" signal reports after a save
    saver: Callable[[Any, Any], Any]

    def __init__(self, ops: Ops, record_id=None, parent=None):
        super().__init__(parent)
        self.ops = ops
        self.record_id = record_id
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self.field_tab: dict[str, int] = {}
        self.saved: Any = None
        layout = QVBoxLayout(self)
        self.banner = error_label()
        self.banner.setObjectName("formBanner")
        layout.addWidget(self.banner)
        self.tabs: QTabWidget | None = None
        self.body = QVBoxLayout()
        layout.addLayout(self.body)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(tr("保存"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("取消"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout.addWidget(buttons)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)  # Ctrl+S saves the form

    # -- building -----------------------------------------------------------------------
    def form_page(self, title: str | None = None) -> QFormLayout:
        """A new form; with a title it becomes a tab of the dialog."""
        if title is None:
            form = QFormLayout()
            self.body.addLayout(form)
            return form
        if self.tabs is None:
            self.tabs = QTabWidget()
            self.body.addWidget(self.tabs)
        page = QWidget()
        form = QFormLayout(page)
        self.tabs.addTab(page, title)
        return form

    def add_field(self, form: QFormLayout, name: str, label: str, widget: QWidget) -> QWidget:
        """Adds a row: the widget with its own error label underneath."""
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        message = error_label()
        message.setObjectName(f"error_{name}")
        column.addWidget(message)
        widget.setObjectName(f"field_{name}")
        form.addRow(label + tr("："), holder)
        self.fields[name] = widget
        self.errors[name] = message
        self.field_tab[name] = self.tabs.count() - 1 if self.tabs is not None else -1
        return widget

    def line(self, form: QFormLayout, name: str, label: str, text: str = "") -> QLineEdit:
        edit = QLineEdit(text)
        return self.add_field(form, name, label, edit)

    def check(self, form: QFormLayout, name: str, label: str) -> QCheckBox:
        return self.add_field(form, name, label, QCheckBox())

    def text(self, name: str) -> str:
        return self.fields[name].text().strip()

    # -- problems -----------------------------------------------------------------------
    def clear_problems(self) -> None:
        for name, widget in self.fields.items():
            widget.setStyleSheet("")
            self.errors[name].clear()
            self.errors[name].hide()
        self.banner.clear()
        self.banner.hide()
        if self.tabs is not None:
            for index in range(self.tabs.count()):
                self.tabs.setTabText(index, self.tabs.tabText(index).split("  (")[0])
                self.tabs.tabBar().setTabTextColor(index, QColor())

    def show_problems(self, problems: list[Problem]) -> None:
        """Every problem at once: at its field when known, else in the banner."""
        self.clear_problems()
        by_field: dict[str, list[str]] = {}
        loose: list[str] = []
        for problem in problems:
            if problem.field in self.fields:
                by_field.setdefault(problem.field, []).append(problem.message)
            else:
                loose.append(str(problem))
        for name, texts in by_field.items():
            self.fields[name].setStyleSheet(ERROR_STYLE)
            self.errors[name].setText("\n".join(texts))
            self.errors[name].show()
        head = tr("发现 {n} 个问题，请修改后再保存。").format(n=len(problems))
        self.banner.setText("\n".join([head, *loose]))
        self.banner.show()
        self._mark_tabs([self.field_tab[name] for name in by_field])

    def _mark_tabs(self, indexes: list[int]) -> None:
        """Tabs holding problems turn red with their count, and the first one is shown."""
        indexes = [i for i in indexes if i >= 0]
        if self.tabs is None or not indexes:
            return
        for index in set(indexes):
            title = self.tabs.tabText(index)
            self.tabs.setTabText(index, f"{title}  ({indexes.count(index)})")
            self.tabs.tabBar().setTabTextColor(index, QColor("#d32f2f"))
        self.tabs.setCurrentIndex(min(indexes))

    def problem_fields(self) -> list[str]:
        """The fields currently marked wrong (tests and accessibility)."""
        return [name for name, label in self.errors.items() if not label.isHidden()]

    # -- saving -------------------------------------------------------------------------
    def save(self) -> bool:
        """Validates and saves through the engine; stays open showing problems on failure."""
        data = self.collect()
        save = self.saver

        def handle(exc: BaseException) -> bool:
            if isinstance(exc, ValidationError):
                self.show_problems(exc.problems)
                return True
            return False

        ok, result = self.ops.run(
            lambda: save(data, self.record_id),
            parent=self,
            changed=self.changed_name,
            on_failure=handle,
        )
        if ok:
            self.saved = result
            self.clear_problems()
            self.accept()
        return ok
