"""盘点单: 规格型号 in the count grid; approving with uncounted lines asks first."""

import datetime as dt

from inventory_helpers import doc, make_item, make_warehouse
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from jxc_desktop.engine.inventory import stocktake
from jxc_desktop.models.documents import Document
from jxc_desktop.ui import messages
from jxc_desktop.ui.inventory.stocktake import VARIANCE_COLUMNS, StocktakeDialog
from jxc_desktop.ui.ops import Ops


def test_uncounted_lines_are_confirmed_before_approval(qtbot, company):
    make_warehouse("W1")
    make_item("A", spec="500ml")
    make_item("B", spec="1L")
    make_item("C")
    doc("QTRK", dt.date(2026, 1, 2), [("A", 5, "2"), ("B", 3, "4"), ("C", 1, "1")], warehouse="W1")
    pdd = stocktake.create_stocktake("W1", dt.date(2026, 1, 9))
    stocktake.count(pdd.id, "A", "4")
    ops = Ops()
    dialog = StocktakeDialog(ops, pdd.id)
    qtbot.addWidget(dialog)
    spec = [c[0] for c in VARIANCE_COLUMNS].index("spec")
    assert dialog.model.headerData(spec, Qt.Orientation.Horizontal) == "规格型号"
    specs = {
        r["item"]: dialog.model.data(dialog.model.index(i, spec))
        for i, r in enumerate(dialog.model.rows)
    }
    assert specs == {"A": "500ml", "B": "1L", "C": ""}
    question = dialog.approve()
    assert isinstance(question, QMessageBox) and question is messages.shown[-1]
    assert "2 行未盘" in question.text() and "共 3 行" in question.text()
    question.reject()
    assert Document.get_by_id(pdd.id).status == "draft"
    dialog.approve()
    messages.shown[-1].accept()
    qtbot.waitUntil(lambda: not ops.busy(), timeout=10_000)
    assert Document.get_by_id(pdd.id).status == "approved"
    ops.shutdown()
