"""The label dialogs offer custom sizes and sheets, and remember the last layout."""

from __future__ import annotations

import datetime as dt

import pytest
from test_label_layouts import _page_sizes
from test_printing_support import decode_barcodes, make_item, make_warehouse, pdf_text, receipt

from jxc_desktop.engine import settings
from jxc_desktop.engine.documents import LineInput
from jxc_desktop.ui import messages
from jxc_desktop.ui.inventory.labels_dialog import LabelsDialog
from jxc_desktop.ui.label_dialog import ROLL, SHEET, LabelDialog, LayoutPicker
from tests.ui_helpers import make_window


@pytest.fixture
def window(qtbot, company, tmp_path):
    make_warehouse()
    make_item("A001", "农夫山泉饮用天然水", "6901234567892", spec="550ml")
    make_item("M1", "纯牛奶", batch_managed=True, shelf_life_days=30)
    window = make_window(qtbot, company, tmp_path)
    yield window
    messages.shown.clear()


def _wait(qtbot, ops):
    qtbot.waitUntil(lambda: not ops.busy(), timeout=20_000)


def test_picker_builds_custom_specs_and_explains_them(window, qtbot):
    picker = LayoutPicker("roll-50x30")
    qtbot.addWidget(picker)
    assert picker.spec() == "roll-50x30" and picker.roll.isHidden() and picker.sheet.isHidden()
    picker.box.setCurrentIndex(picker.box.findData(ROLL))
    picker.width_mm.setValue(60)
    picker.height_mm.setValue(40)
    assert picker.spec() == "60x40" and "60×40 mm" in picker.summary.text()
    picker.box.setCurrentIndex(picker.box.findData(SHEET))
    picker.columns.setValue(2)
    picker.rows.setValue(7)
    assert picker.spec() == "a4:2x7;gap=2.5,0"
    assert "A4 2×7" in picker.summary.text() and "每页 14 张" in picker.summary.text()
    picker.label_w.setValue(120)  # two 120 mm labels can't sit side by side on A4
    picker.label_h.setValue(30)
    assert picker.problems() and "排不下" in picker.summary.text()


def test_document_labels_on_a_custom_size_are_remembered(window, qtbot, tmp_path):
    doc = receipt(
        [
            LineInput(item="A001", qty="1"),
            LineInput(item="M1", qty="1", batch_no="B1", production_date=dt.date(2026, 1, 10)),
        ]
    )
    path = tmp_path / "doc-labels.pdf"
    dialog = LabelsDialog(window.ops, doc.id, doc.number, window, str(path))
    qtbot.addWidget(dialog)
    dialog.picker.box.setCurrentIndex(dialog.picker.box.findData(ROLL))
    dialog.picker.width_mm.setValue(60)
    dialog.picker.height_mm.setValue(40)
    assert dialog.ok.isEnabled()
    dialog.render()
    _wait(qtbot, window.ops)
    assert _page_sizes(path) == [(60, 40)] * 2
    assert "EAN-13:6901234567892" in decode_barcodes(path, tmp_path)
    assert settings.get("label_layout") == "60x40"
    again = LabelsDialog(window.ops, doc.id, doc.number, window, str(path))
    qtbot.addWidget(again)
    assert again.picker.box.currentData() == ROLL and again.picker.width_mm.value() == 60
    again.picker.box.setCurrentIndex(again.picker.box.findData(SHEET))
    again.picker.label_w.setValue(150)
    again.picker.label_h.setValue(30)
    assert not again.ok.isEnabled()  # the sheet does not fit: nothing to print


def test_item_labels_on_a_custom_sheet_with_margins(window, qtbot, tmp_path):
    from jxc_desktop.models.masterdata import Item

    item = Item.get(Item.code == "A001")
    dialog = LabelDialog(window.ops, item.id, window)
    qtbot.addWidget(dialog)
    picker = dialog.picker
    picker.box.setCurrentIndex(picker.box.findData(SHEET))
    picker.columns.setValue(2)
    picker.rows.setValue(5)
    picker.margin_l.setValue(10)
    picker.margin_t.setValue(12)
    picker.gap_x.setValue(4)
    dialog.fields["qty"].setValue(3)
    path = tmp_path / "item.pdf"
    assert dialog.save(str(path)), dialog.banner.text()
    assert _page_sizes(path) == [(210, 297)]
    assert "EAN-13:6901234567892" in decode_barcodes(path, tmp_path)
    assert pdf_text(path).count("农夫山泉") == 3  # three labels on one sheet
    saved = settings.get("label_layout")
    assert saved == "a4:2x5;margin=10,12;gap=4,0"
    reopened = LayoutPicker(saved)
    qtbot.addWidget(reopened)
    assert reopened.spec() == saved  # margins, gaps and auto label size come back as set
    assert reopened.label_w.value() < 0  # still computed, not frozen to a number
