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


def test_build_a_bom_run_mrp_and_firm(qtbot, company, tmp_path):
    """A new BOM typed into the editor drives MRP; firming writes the work order and the
    requisition; the 产能负荷 view shows the released order's load."""
    from decimal import Decimal

    from inventory_helpers import make_warehouse
    from production_helpers import item

    from jxc_desktop.engine import documents
    from jxc_desktop.engine.documents import DocumentInput, LineInput
    from jxc_desktop.models.masterdata import Item, Partner
    from jxc_desktop.models.production import RoutingOperation, WorkCentre

    today = dt.date.today()
    make_warehouse("W1")
    item("FG-NEW", "make", lead=1)
    item("RM-NEW", lead=2)
    wc = WorkCentre.create(code="WC", name="装配", capacity_hours=Decimal(1))
    RoutingOperation.create(
        item=Item.get(Item.code == "FG-NEW"),
        seq=1,
        name="装配",
        work_centre=wc,
        hours_per_unit=Decimal("0.5"),
    )
    Partner.create(kind="customer", code="K1", name="客户一")
    so = documents.save_draft(
        DocumentInput(
            "XSDD",
            today,
            [LineInput(item="FG-NEW", qty="6", due_date=today + dt.timedelta(days=10))],
            partner="K1",
        )
    )
    documents.approve(so.id)
    window = make_window(qtbot, company, tmp_path)
    page = window.pages["production"]
    window.select_tab("production")

    page.bom.item.setText("FG-NEW")
    page.bom.lines.add_row(["RM-NEW", "2", "", "0"])
    page.bom.save()
    assert page.bom.tree.topLevelItem(0).text(0) == "RM-NEW"
    assert page.bom.tree.topLevelItem(0).text(3) == "2"

    page.mrp.run()
    qtbot.waitUntil(lambda: page.mrp.table.rowCount() == 2, timeout=10000)
    assert [(r["item"], r["qty"]) for r in page.mrp.table.rows] == [
        ("FG-NEW", Decimal("6")),
        ("RM-NEW", Decimal("12")),
    ]
    page.mrp.table.selectAll()
    page.mrp.firm()
    qtbot.waitUntil(lambda: not window.ops.busy(), timeout=10000)
    assert page.mrp.table.rowCount() == 0  # firmed: nothing left to propose
    from jxc_desktop.models.documents import DocumentLine

    made = DocumentLine.select().join(Document).where(Document.doc_type == "SCDD")
    assert [(ln.item.code, ln.qty) for ln in made] == [("FG-NEW", Decimal("6"))]
    asked = DocumentLine.select().join(Document).where(Document.doc_type == "CGSQ")
    assert [(ln.item.code, ln.qty) for ln in asked] == [("RM-NEW", Decimal("12"))]

    page.tabs.setCurrentWidget(page.capacity)
    page.capacity.date_to.setDate(page.capacity.date_from.date().addDays(20))
    page.capacity.run()
    qtbot.waitUntil(lambda: page.capacity.table.rowCount() == 21, timeout=10000)
    loads = [r["load"] for r in page.capacity.table.rows]
    assert sum(loads) == Decimal("3")
    # 3 h over the order's two days against 1 h a day: both days overloaded, in red
    assert [r["overloaded"] for r in page.capacity.table.rows].count(True) == 2
    assert page.capacity.summary.text() == "超负荷 2 天次"
    window.ops.shutdown()
