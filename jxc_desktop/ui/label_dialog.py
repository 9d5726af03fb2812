"""打印条码标签: barcode labels of the selected item as a PDF (engine printing.labels).

`LayoutPicker` is the label-paper chooser both label dialogs share: the presets, a
custom roll size (one label per page) and a custom sheet (columns × rows on A4/A5,
label size computed or given, margins and gaps). It edits a layout spec
(engine printing.label_layouts); the spec last printed with is kept in the company
setting `label_layout`, so the next dialog (and `jxc labels`) starts from it.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from jxc_desktop.engine import settings
from jxc_desktop.engine.errors import ValidationError
from jxc_desktop.engine.i18n import tr as etr
from jxc_desktop.engine.printing import label_layouts, labels
from jxc_desktop.models.masterdata import Item
from jxc_desktop.ui import messages
from jxc_desktop.ui.forms import RecordDialog, combo
from jxc_desktop.ui.i18n import tr

ROLL, SHEET = "custom-roll", "custom-sheet"
AUTO = -1.0  # a size or margin spin box at its minimum: computed by the engine


def layout_names() -> list[tuple[str, str]]:
    names = {
        "roll-50x30": tr("标签打印机 50×30 mm"),
        "roll-40x30": tr("标签打印机 40×30 mm"),
        "a4-3x8": tr("A4 不干胶 3×8（63.5×33.9 mm）"),
    }
    presets = [(names.get(key, key), key) for key in labels.LAYOUTS]
    return presets + [
        (etr("自定义尺寸（每页一张）", "Custom size (one label per page)"), ROLL),
        (etr("自定义整张排版（列 × 行）", "Custom sheet (columns × rows)"), SHEET),
    ]


def _mm(value: float, low: float = 10, auto: bool = False) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setDecimals(1)
    box.setSingleStep(0.5)
    box.setRange(AUTO if auto else low, 400)
    box.setSuffix(" mm")
    if auto:
        box.setSpecialValueText(etr("自动", "Auto"))
    box.setValue(value)
    return box


def _count(value: int) -> QSpinBox:
    box = QSpinBox()
    box.setRange(1, 20)
    box.setValue(value)
    return box


class LayoutPicker(QWidget):
    """The label paper: a preset, a custom size or a custom sheet; `spec()` is the
    engine's layout spec, the line under it says what it gives (or what is wrong)."""

    changed = Signal()

    def __init__(self, spec: str = "", parent=None):
        super().__init__(parent)
        self.box = combo(layout_names())
        self.box.setObjectName("labelLayout")
        self.roll = QWidget()
        self.width_mm, self.height_mm = _mm(60), _mm(40)
        self._grid(
            self.roll,
            [[(etr("宽", "Width"), self.width_mm), (etr("高", "Height"), self.height_mm)]],
        )
        self.sheet = QWidget()
        self.paper = QComboBox()
        for key in label_layouts.SHEETS:
            self.paper.addItem(key.upper(), key)
        self.columns, self.rows = _count(3), _count(8)
        self.label_w, self.label_h = _mm(AUTO, auto=True), _mm(AUTO, auto=True)
        self.margin_l, self.margin_t = _mm(AUTO, auto=True), _mm(AUTO, auto=True)
        self.gap_x, self.gap_y = _mm(2.5, 0), _mm(0, 0)
        self._grid(
            self.sheet,
            [
                [(etr("纸张", "Paper"), self.paper)],
                [(etr("列数", "Columns"), self.columns), (etr("行数", "Rows"), self.rows)],
                [
                    (etr("标签宽", "Label width"), self.label_w),
                    (etr("标签高", "Label height"), self.label_h),
                ],
                [
                    (etr("左边距", "Left margin"), self.margin_l),
                    (etr("上边距", "Top margin"), self.margin_t),
                ],
                [
                    (etr("横向间距", "Gap across"), self.gap_x),
                    (etr("纵向间距", "Gap down"), self.gap_y),
                ],
            ],
        )
        self.summary = QLabel()
        self.summary.setObjectName("labelLayoutSummary")
        self.summary.setWordWrap(True)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        for widget in (self.box, self.roll, self.sheet, self.summary):
            column.addWidget(widget)
        self._connect()
        self.set_spec(spec)

    @staticmethod
    def _grid(holder: QWidget, rows: list[list[tuple[str, QWidget]]]) -> None:
        """Label and field pairs, a row of the grid per list (width beside height)."""
        grid = QGridLayout(holder)
        grid.setContentsMargins(0, 0, 0, 0)
        for r, fields in enumerate(rows):
            for c, (label, widget) in enumerate(fields):
                grid.addWidget(QLabel(label), r, c * 2)
                grid.addWidget(widget, r, c * 2 + 1)
        grid.setColumnStretch(4, 1)

    def _connect(self) -> None:
        self.box.currentIndexChanged.connect(self._update)
        self.paper.currentIndexChanged.connect(self._update)
        for spin in (self.width_mm, self.height_mm, self.columns, self.rows, self.label_w):
            spin.valueChanged.connect(self._update)
        for spin in (self.label_h, self.margin_l, self.margin_t, self.gap_x, self.gap_y):
            spin.valueChanged.connect(self._update)

    # a combo box's calls, so a form can treat the picker as its layout list
    def findData(self, value) -> int:  # noqa: N802 - Qt's name
        return self.box.findData(value)

    def setCurrentIndex(self, index: int) -> None:  # noqa: N802 - Qt's name
        self.box.setCurrentIndex(index)

    def currentData(self) -> str:  # noqa: N802 - Qt's name
        return self.spec()

    # ------------------------------------------------------------ spec in and out

    def spec(self) -> str:
        """The layout spec the fields describe (e.g. `a4:3x8;gap=2.5,0`)."""
        kind = self.box.currentData()
        if kind == ROLL:
            return f"{self.width_mm.value():g}x{self.height_mm.value():g}"
        if kind != SHEET:
            return kind
        head = f"{self.paper.currentData()}:{self.columns.value()}x{self.rows.value()}"
        if self.label_w.value() > 0 and self.label_h.value() > 0:
            head += f":{self.label_w.value():g}x{self.label_h.value():g}"
        if self.margin_l.value() >= 0 and self.margin_t.value() >= 0:
            head += f";margin={self.margin_l.value():g},{self.margin_t.value():g}"
        return head + f";gap={self.gap_x.value():g},{self.gap_y.value():g}"

    def set_spec(self, spec: str) -> None:
        """Shows a saved spec (an unreadable one falls back to the first preset)."""
        try:
            layout = label_layouts.parse_layout(spec) if spec else None
        except ValidationError:
            layout = None
        if layout is None or spec in labels.LAYOUTS:
            self.box.setCurrentIndex(max(0, self.box.findData(spec)))
        elif ":" not in spec:
            self.width_mm.setValue(layout.label_width)
            self.height_mm.setValue(layout.label_height)
            self.box.setCurrentIndex(self.box.findData(ROLL))
        else:
            self._fill_sheet(spec, layout)
            self.box.setCurrentIndex(self.box.findData(SHEET))
        self._update()

    def _fill_sheet(self, spec: str, layout) -> None:
        head, *options = spec.lower().split(";")
        parts = head.split(":")
        self.paper.setCurrentIndex(max(0, self.paper.findData(parts[0].strip())))
        self.columns.setValue(layout.columns)
        self.rows.setValue(layout.rows)
        given = len(parts) == 3
        self.label_w.setValue(layout.label_width if given else AUTO)
        self.label_h.setValue(layout.label_height if given else AUTO)
        margin = any(re.match(r"\s*margin", o) for o in options)
        self.margin_l.setValue(layout.margin_left if margin else AUTO)
        self.margin_t.setValue(layout.margin_top if margin else AUTO)
        self.gap_x.setValue(layout.gap_x)
        self.gap_y.setValue(layout.gap_y)

    def problems(self) -> list[str]:
        """What is wrong with the chosen layout (empty: it prints)."""
        try:
            return [p.message for p in label_layouts.parse_layout(self.spec()).problems()]
        except ValidationError as exc:
            return [p.message for p in exc.problems]

    def _update(self) -> None:
        kind = self.box.currentData()
        self.roll.setVisible(kind == ROLL)
        self.sheet.setVisible(kind == SHEET)
        wrong = self.problems()
        if wrong:
            self.summary.setStyleSheet("color: #cf222e;")
            self.summary.setText("；".join(wrong))
        else:
            self.summary.setStyleSheet("color: #555;")
            self.summary.setText(label_layouts.parse_layout(self.spec()).describe())
        self.changed.emit()


def saved_layout() -> str:
    """The layout last printed with (the company setting `label_layout`)."""
    return settings.get("label_layout")


def remember_layout(spec: str) -> None:
    """Keeps the spec for the next label dialog; called after a PDF was written."""
    if spec != settings.get("label_layout"):
        settings.set_value("label_layout", spec)


class LabelDialog(RecordDialog):
    """Chooses the paper, the count and what shows; writes the PDF and opens it."""

    def __init__(self, ops, item_id: int, parent=None):
        super().__init__(ops, item_id, parent)
        item = Item.get_by_id(item_id)
        self.setWindowTitle(tr("打印条码标签：{name}").format(name=item.name))
        self.buttons.buttons()[0].setText(tr("生成 PDF"))
        form: QFormLayout = self.form_page()
        self.picker = LayoutPicker(saved_layout())
        self.add_field(form, "layout", tr("标签纸"), self.picker)
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
        layout = self.picker.spec()
        self.path = path

        def write(_data, _id):
            count = labels.render_labels(request, layout, Path(path), options)
            remember_layout(layout)
            return count

        self.saver = write
        done = super().save()
        if done and chosen:
            QDesktopServices.openUrl(QUrl.fromLocalFile(path))  # the system PDF viewer prints
        elif done:
            messages.info(self.parentWidget(), tr("已生成标签：{p}").format(p=path))
        return done

    def collect(self) -> None:
        return None
