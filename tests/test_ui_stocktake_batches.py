"""盘点 screen: a batch item scanned without a batch asks for it; columns fit their text."""

from __future__ import annotations

import pytest
from inventory_helpers import day, make_item, make_warehouse
from PySide6.QtCore import Qt

from jxc_desktop.engine import documents
from jxc_desktop.engine.documents import DocumentInput, LineInput
from jxc_desktop.engine.inventory import stocktake
from jxc_desktop.ui import messages
from jxc_desktop.ui.inventory.stocktake import VARIANCE_COLUMNS, StocktakeDialog
from tests.ui_helpers import make_window


@pytest.fixture
def dialog(qtbot, company, tmp_path):
    make_warehouse("W1")
    make_item("M", batch=True)
    item = make_item("B")
    item.name = "大桶装工业级浓缩洗衣液（柠檬香型）"
    item.save()
    receipt = documents.save_draft(
        DocumentInput(
            "QTRK",
            day(1),
            [
                LineInput(item="M", qty="5", price="1.00", batch_no="L1"),
                LineInput(item="B", qty="1234567.5", price="123456.78"),
            ],
            warehouse="W1",
        )
    )
    documents.approve(receipt.id)
    st = stocktake.create_stocktake("W1", day(5))
    window = make_window(qtbot, company, tmp_path)
    dialog = StocktakeDialog(window.ops, st.id, window)
    qtbot.addWidget(dialog)
    dialog.resize(1000, 640)
    dialog.show()
    qtbot.waitExposed(dialog)
    yield dialog
    messages.shown.clear()


def _scan(qtbot, dialog, text):
    qtbot.keyClicks(dialog.scan.edit, text)
    qtbot.keyClick(dialog.scan.edit, Qt.Key.Key_Return)


def test_batch_item_scanned_without_batch_asks_for_the_batch(dialog, qtbot):
    _scan(qtbot, dialog, "M")
    assert dialog.scan.is_error() and "批次" in dialog.scan.message.text()
    assert dialog.batch.hasFocus() and dialog.pending == "M"
    assert [r["batch"] for r in dialog.model.rows if r["item"] == "M"] == ["L1"]
    assert not any(r["counted"] for r in dialog.model.rows)
    qtbot.keyClicks(dialog.batch, "L1")
    qtbot.keyClick(dialog.batch, Qt.Key.Key_Return)  # counts the scan that waited
    assert not dialog.scan.is_error()
    counted = [r for r in dialog.model.rows if r["counted"]]
    assert [(r["item"], r["batch"], str(r["counted_qty"])) for r in counted] == [
        ("M", "L1", "1.0000")
    ]
    assert dialog.pending is None and dialog.scan.edit.hasFocus()
    diff = [c[0] for c in VARIANCE_COLUMNS].index("diff_qty")
    b_row = next(i for i, r in enumerate(dialog.model.rows) if r["item"] == "B")
    texts = [dialog.model.data(dialog.model.index(b_row, c)) for c in (diff, diff + 1)]
    assert texts == ["", ""]  # B is not counted: no difference shown, as on the paper


def test_variance_columns_fit_their_text(dialog, qtbot):
    stocktake.count(dialog.doc_id, "B", "1", replace=True)  # a loss of 1,234,566.5
    dialog.reload()
    table, model = dialog.table, dialog.model
    metrics = table.fontMetrics()
    value = [c[0] for c in VARIANCE_COLUMNS].index("diff_value")
    row = next(i for i, r in enumerate(model.rows) if r["item"] == "B")
    text = model.data(model.index(row, value))
    assert text.startswith("-152,415")
    assert table.columnWidth(value) >= metrics.horizontalAdvance(text) + 8
    header = model.headerData(value, Qt.Orientation.Horizontal)
    assert table.columnWidth(value) >= metrics.horizontalAdvance(header)
    right = table.horizontalHeader().sectionViewportPosition(value) + table.columnWidth(value)
    assert right <= table.viewport().width()  # 盈亏金额 is on screen, not cut off
