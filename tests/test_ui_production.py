"""The 生产 tab on the real engine: BOM tree, work orders, MRP with pegging, firm, cost run."""

import datetime as dt

from ui_helpers import make_window

from jxc_desktop.engine.demo_production import build_production_demo
from jxc_desktop.models.documents import Document
from jxc_desktop.ui.production import ProductionPage


def test_production_tab(qtbot, company, tmp_path):
    today = dt.date.today()
    build_production_demo(today.replace(day=1), today)
    window = make_window(qtbot, company, tmp_path)
    page = window.pages["production"]
    assert isinstance(page, ProductionPage)
    window.select_tab("production")

    page.bom.item.setText("FG-CHAIR")
    page.bom.explode()
    top = [page.bom.tree.topLevelItem(i).text(0) for i in range(page.bom.tree.topLevelItemCount())]
    assert top == ["SA-SEAT", "SA-BASE", "RM-SCREW"]
    assert page.bom.tree.topLevelItem(0).childCount() == 3

    # edit: load version 1 of FG-STOOL, change the board quantity, save, see it exploded
    page.bom.item.setText("FG-STOOL")
    page.bom.load()
    assert [r[0] for r in page.bom.lines.rows()] == ["SA-BASE", "RM-BOARD", "RM-SCREW"]
    page.bom.lines.cell(1, 1).setText("2")
    page.bom.save()
    board = page.bom.tree.topLevelItem(1)
    assert (board.text(0), board.text(3)) == ("RM-BOARD", "2")

    page.orders.refresh()
    assert page.orders.table.rowCount() == 1
    assert page.orders.table.item(0, 1).text() == "SA-BASE"

    page.mrp.run()
    qtbot.waitUntil(lambda: page.mrp.table.rowCount() > 0, timeout=10000)
    chairs = [i for i, r in enumerate(page.mrp.table.rows) if r["item"] == "FG-CHAIR"]
    page.mrp.table.selectRow(chairs[0])
    assert page.mrp.pegging.rowCount() >= 1
    before = Document.select().where(Document.doc_type == "SCDD").count()
    page.mrp.firm()
    qtbot.waitUntil(lambda: not window.ops.busy(), timeout=10000)
    assert Document.select().where(Document.doc_type == "SCDD").count() > before

    page.cost.run()
    assert page.cost.jobs.rowCount() >= 1
    assert "SA-BASE" in [r["item"] for r in page.cost.jobs.rows]
    window.ops.shutdown()
