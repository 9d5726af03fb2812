"""打印标签: labels for every item line of a document, on a chosen label layout (the
layout chooser is ui/label_dialog.LayoutPicker; the last one used is remembered)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
)

from jxc_desktop.engine.printing import labels
from jxc_desktop.ui.i18n import tr
from jxc_desktop.ui.inventory.doc_list_support import pdf_path
from jxc_desktop.ui.label_dialog import LayoutPicker, remember_layout, saved_layout
from jxc_desktop.ui.ops import Ops


class LabelsDialog(QDialog):
    printed = Signal(str)  # the PDF written

    def __init__(self, ops: Ops, doc_id: int, number: str, parent=None, path: str | None = None):
        super().__init__(parent)
        self.ops, self.doc_id, self.number, self.path = ops, doc_id, number, path
        self.setWindowTitle(tr("打印标签") + " - " + number)
        self.picker = LayoutPicker(saved_layout())
        self.layout_box = self.picker.box
        self.show_price = QCheckBox(tr("打印售价"))
        self.show_price.setChecked(True)
        self.border = QCheckBox(tr("打印边框（普通纸裁切用）"))
        self.count = QLabel()
        self.count.setObjectName("labelCount")
        form = QFormLayout()
        form.addRow(tr("标签规格："), self.picker)
        form.addRow("", self.show_price)
        form.addRow("", self.border)
        form.addRow(tr("标签数量："), self.count)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("生成 PDF"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("取消"))
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.picker.changed.connect(lambda: self.ok.setEnabled(not self.picker.problems()))
        buttons.accepted.connect(self.render)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        ok, self.requests = ops.run(lambda: labels.labels_for_document(doc_id), parent=self)
        self.requests = self.requests if ok else []
        self.count.setText(str(sum(r.qty for r in self.requests)))

    def render(self):
        options = labels.LabelOptions(
            show_price=self.show_price.isChecked(), border=self.border.isChecked()
        )
        layout = self.picker.spec()
        target = pdf_path(self, f"{self.number}-labels.pdf", self.path)
        requests = self.requests
        self.accept()

        def write(_p, _s) -> str:
            labels.render_labels(requests, layout, target, options)
            remember_layout(layout)
            return target

        return self.ops.run_in_background(
            write,
            title=tr("正在生成标签……"),
            parent=self.parent(),
            on_success=self.printed.emit,
        )
