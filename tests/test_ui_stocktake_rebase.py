"""The 盘点 screen shows lines whose book changed after the freeze and re-bases them."""

from __future__ import annotations

import pytest
from inventory_helpers import day, doc, make_item, make_warehouse

from jxc_desktop.engine.inventory import stocktake
from jxc_desktop.ui import messages
from jxc_desktop.ui.inventory.stocktake import StocktakeDialog
from tests.ui_helpers import make_window


@pytest.fixture
def window(qtbot, company, tmp_path):
    make_warehouse("W1")
    make_item("A")
    make_item("B")
    doc("QTRK", day(1), [("A", 10, "2.00"), ("B", 4, "1.00")])
    window = make_window(qtbot, company, tmp_path)
    yield window
    messages.shown.clear()


def _book_cell(dialog, code):
    row = next(i for i, r in enumerate(dialog.model.rows) if r["item"] == code)
    return dialog.model.data(dialog.model.index(row, 6))


def test_changed_book_is_shown_and_rebased(window, qtbot):
    st = stocktake.create_stocktake("W1", day(10))
    doc("QTRK", day(5), [("A", 3, "2.00")])  # dated before the stocktake, after the freeze
    dialog = StocktakeDialog(window.ops, st.id, window)
    qtbot.addWidget(dialog)
    assert _book_cell(dialog, "A") == "10 → 13" and _book_cell(dialog, "B") == "4"
    assert "1 行冻结后账面已变" in dialog.summary.text()
    assert not dialog.buttons["rebase"].isHidden()
    dialog.buttons["rebase"].click()
    qtbot.waitUntil(lambda: not window.ops.busy(), timeout=10_000)
    assert _book_cell(dialog, "A") == "13"
    assert "冻结后账面已变" not in dialog.summary.text()
    assert dialog.buttons["rebase"].isHidden()
    assert any("已重新冻结 1 行" in m.text() for m in messages.shown)
