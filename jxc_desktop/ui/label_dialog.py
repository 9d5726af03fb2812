"""打印条码标签: barcode labels of the selected item as a PDF (engine printing.labels)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QCheckBox, QFileDialog, QFormLayout, QSpinBox

from jxc_desktop.engine.printing import labels
from jxc_desktop.models.masterdata import Item
from jxc_desktop.ui import messages
from jxc_desktop.ui.forms import RecordDialog, combo
from jxc_desktop.ui.i18n import tr


def layout_names() -> list[tuple[str, str]]:
    names = {
        "roll-50x30": tr("标签打印机 50×30 mm"),
        "roll-40x30": tr("标签打印机 40×30 mm"),
        "a4-3x8": tr("A4 不干胶 3×8（63.5×33.9 mm）"),
    }
    return [(names.get(key, key), key) for key in labels.LAYOUTS]


class LabelDialog(RecordDialog):
    """Chooses the paper, the count and what shows; writes the PDF and opens it."""

    def __init__(self, ops, item_id: int, parent=None):
        super().__init__(ops, item_id, parent)
        item = Item.get_by_id(item_id)
        self.setWindowTitle(tr("打印条码标签：{name}").format(name=item.name))
        self.buttons.buttons()[0].setText(tr("生成 PDF"))
        form: QFormLayout = self.form_page()
        self.add_field(form, "layout", tr("标签纸"), combo(layout_names()))
        count = QSpinBox()
        count.setRange(1, labels.MAX_LABELS)
        self.add_field(form, "qty", tr("张数"), count)
        price = QCheckBox()
        price.setChecked(True)
        self.add_field(form, "show_price", tr("显示售价"), price)
        self.add_field(form, "border", tr("打印边框（普通纸裁切用）"), QCheckBox())
        self.path: str | None = None

    def save(self, path: str | None = None) -> bool:
        """Writes the labels to `path` (asked for when not given); problems shown in place."""
        chosen = path is None
        if chosen:
            path, _ = QFileDialog.getSaveFileName(
                self, tr("保存标签 PDF"), "labels.pdf", "PDF (*.pdf)"
            )
            if not path:
                return False
        options = labels.LabelOptions(
            show_price=self.fields["show_price"].isChecked(),
            border=self.fields["border"].isChecked(),
        )
        request = [(Item.get_by_id(self.record_id), self.fields["qty"].value())]
        layout = self.fields["layout"].currentData()
        self.path = path
        self.saver = lambda _data, _id: labels.render_labels(request, layout, Path(path), options)
        done = super().save()
        if done and chosen:
            QDesktopServices.openUrl(QUrl.fromLocalFile(path))  # the system PDF viewer prints
        elif done:
            messages.info(self.parentWidget(), tr("已生成标签：{p}").format(p=path))
        return done

    def collect(self) -> None:
        return None
