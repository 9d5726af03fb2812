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
