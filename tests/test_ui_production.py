"""The 生产 tab on the real engine: BOM tree, work orders, MRP with pegging, firm, cost run."""

import datetime as dt
from decimal import Decimal

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
    assert page.orders.table.item(0, 1).text() == "SA-BASE  底座总成"  # code and name

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
    products = {r["item"]: r for r in page.cost.products.rows}
    job_total = sum(r["total"] for r in page.cost.jobs.rows if r["item"] == "SA-BASE")
    assert products["SA-BASE"]["total"] == job_total  # one product, one order: the same cost
    assert products[""]["name"] == "合计"
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


def test_work_orders_load_on_first_show_and_new_order(qtbot, company, tmp_path):
    """The list is there without 刷新, statuses in words; 新建生产订单 releases an order."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QPushButton

    today = dt.date.today()
    build_production_demo(today.replace(day=1), today)
    window = make_window(qtbot, company, tmp_path)
    page = window.pages["production"]
    window.select_tab("production")
    page.tabs.setCurrentWidget(page.orders)
    table = page.orders.table
    qtbot.waitUntil(lambda: table.rowCount() == 1, timeout=5000)
    assert [table.item(0, c).text() for c in range(table.columnCount())] == [
        table.rows[0]["number"],
        "SA-BASE  底座总成",
        "生产中",
        "20",
        "12",
        f"{table.rows[0]['wip']:,.2f}",
    ]
    assert table.item(0, 3).textAlignment() & Qt.AlignmentFlag.AlignRight

    qtbot.mouseClick(page.orders.findChild(QPushButton, "woNew"), Qt.MouseButton.LeftButton)
    dialog = page.orders.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.qty.setText("0")
    assert not dialog.submit()  # refused: the dialog stays, nothing written
    dialog.item.setCurrentIndex(dialog.item.findData("FG-STOOL"))
    dialog.qty.setText("5")
    dialog.warehouse.setCurrentIndex(dialog.warehouse.findData("WH01"))
    assert dialog.submit()
    assert not dialog.isVisible()
    assert table.rowCount() == 2  # reloaded on ops.changed while visible
    new = next(r for r in table.rows if r["number"] == dialog.number)
    assert (new["item"], new["status_label"], new["planned_qty"]) == ("FG-STOOL", "已下达", 5)
    window.ops.shutdown()


def test_mrp_late_orders_red_and_safety_stock_purpose(qtbot, company, tmp_path):
    """Orders to release before today are red with the reason; a safety-stock top-up
    says so in 追溯; quantities sit right without trailing zeros."""
    from decimal import Decimal

    from inventory_helpers import make_warehouse
    from production_helpers import bom, item
    from PySide6.QtCore import Qt

    from jxc_desktop.engine import documents
    from jxc_desktop.engine.documents import DocumentInput, LineInput
    from jxc_desktop.models.masterdata import Partner

    today = dt.date.today()
    make_warehouse("W1")
    item("FG", "make", lead=5)
    item("RM", lead=0, safety_stock=Decimal(7))
    bom("FG", ("RM", 1))
    Partner.create(kind="customer", code="K1", name="客户一")
    line = LineInput(item="FG", qty="3", due_date=today + dt.timedelta(days=30))
    rush = LineInput(item="FG", qty="2", due_date=today + dt.timedelta(days=2))
    so = documents.save_draft(DocumentInput("XSDD", today, [line, rush], partner="K1"))
    documents.approve(so.id)
    window = make_window(qtbot, company, tmp_path)
    page = window.pages["production"]
    window.select_tab("production")
    page.tabs.setCurrentWidget(page.mrp)
    page.mrp.run()
    qtbot.waitUntil(lambda: page.mrp.table.rowCount() == 4, timeout=10000)
    rows = page.mrp.table.rows
    fg = [i for i, r in enumerate(rows) if r["item"] == "FG"]
    late, ok = sorted(fg, key=lambda i: rows[i]["due_date"])
    red = page.mrp.table.item(late, 0)
    assert red.foreground().color().red() == 200
    assert "已过" in red.toolTip() and rows[late]["release_date"].isoformat() in red.toolTip()
    assert page.mrp.table.item(ok, 0).toolTip() == ""
    qty_cell = page.mrp.table.item(late, 3)
    assert qty_cell.text() == "2" and qty_cell.textAlignment() & Qt.AlignmentFlag.AlignRight

    rm = next(i for i, r in enumerate(rows) if r["item"] == "RM" and r["safety"] > 0)
    page.mrp.table.selectRow(rm)
    texts = [page.mrp.pegging.item(r, 0).text() for r in range(page.mrp.pegging.rowCount())]
    assert texts[-1] == "补充安全库存"  # its quantity is in the 数量 column only
    assert page.mrp.pegging.item(page.mrp.pegging.rowCount() - 1, 3).text() == "7"
    window.ops.shutdown()


def test_cost_grid_money_formatted(qtbot, company, tmp_path):
    from PySide6.QtCore import Qt

    today = dt.date.today()
    build_production_demo(today.replace(day=1), today)
    window = make_window(qtbot, company, tmp_path)
    page = window.pages["production"]
    window.select_tab("production")
    page.tabs.setCurrentWidget(page.cost)  # first shown: the month's costs load by themselves
    jobs = page.cost.jobs
    qtbot.waitUntil(lambda: jobs.rowCount() >= 1, timeout=5000)
    row = next(i for i, r in enumerate(jobs.rows) if r["item"] == "SA-BASE")
    material = jobs.item(row, jobs.keys.index("material"))
    assert material.text() == "1,440.00"  # 100 × 2.20 + 20 × 26 + 20 × 35
    assert material.textAlignment() & Qt.AlignmentFlag.AlignRight
    assert jobs.item(row, jobs.keys.index("completed_qty")).text() == "12"
    window.ops.shutdown()


def test_issue_materials_and_receive_finished_from_the_order_list(qtbot, company, tmp_path):
    """领料 then 完工入库 on the chosen order: the documents are approved, the list follows."""
    from production_helpers import fg_work_order
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QPushButton

    number = fg_work_order()
    window = make_window(qtbot, company, tmp_path)
    page = window.pages["production"]
    window.select_tab("production")
    page.tabs.setCurrentWidget(page.orders)
    table = page.orders.table
    qtbot.waitUntil(lambda: table.rowCount() == 1, timeout=5000)
    table.selectRow(0)
    qtbot.mouseClick(page.orders.findChild(QPushButton, "woIssue"), Qt.MouseButton.LeftButton)
    dialog = page.orders.dialog
    assert "RM1  20" in dialog.plan.text()
    dialog.warehouse.setCurrentIndex(dialog.warehouse.findData("W1"))
    assert dialog.submit()
    scll = Document.get(Document.number == dialog.number)
    assert scll.doc_type == "SCLL" and scll.status == "approved"
    table.selectRow(0)
    qtbot.mouseClick(page.orders.findChild(QPushButton, "woReceive"), Qt.MouseButton.LeftButton)
    dialog = page.orders.dialog
    dialog.qty.setText("4")
    dialog.warehouse.setCurrentIndex(dialog.warehouse.findData("W1"))
    assert dialog.submit()
    assert Document.get(Document.number == dialog.number).doc_type == "CPRK"
    row = next(r for r in table.rows if r["number"] == number)
    assert (row["status_label"], row["completed_qty"]) == ("生产中", 4)
    window.ops.shutdown()


def test_outsourcing_send_and_receive_from_the_tab(qtbot, company, tmp_path):
    """委外: an approved WWDD listed; 发料 sends the BOM's materials, 收货 takes a fee."""
    from inventory_helpers import doc, make_item, make_warehouse
    from production_helpers import bom

    from jxc_desktop.engine import documents
    from jxc_desktop.engine.documents import DocumentInput, LineInput
    from jxc_desktop.models.masterdata import Partner

    make_warehouse("W1")
    make_item("M1", item_type="material")
    make_item("P")
    Partner.create(kind="supplier", code="S1", name="加工厂一")
    bom("P", ("M1", 2))
    doc("QCKC", dt.date(2026, 1, 2), [("M1", 100, "10")], warehouse="W1")
    order = documents.save_draft(
        DocumentInput(
            "WWDD", dt.date(2026, 1, 3), [LineInput(item="P", qty="10", price="5")], partner="S1"
        )
    )
    documents.approve(order.id)
    window = make_window(qtbot, company, tmp_path)
    page = window.pages["production"]
    window.select_tab("production")
    page.tabs.setCurrentWidget(page.outsourcing)
    table = page.outsourcing.table
    qtbot.waitUntil(lambda: table.rowCount() == 1, timeout=5000)
    table.selectRow(0)
    page.outsourcing.act("send")
    dialog = page.outsourcing.dialog
    assert "M1  20" in dialog.plan.text()
    dialog.warehouse.setCurrentIndex(dialog.warehouse.findData("W1"))
    assert dialog.submit()
    assert Document.get(Document.number == dialog.number).doc_type == "WWFL"
    _assert_blocked(page, table, "send", "BOM 材料已发齐")  # the whole BOM went out
    table.selectRow(0)
    page.outsourcing.act("receive")
    dialog = page.outsourcing.dialog
    dialog.qty.setText("8")
    dialog.fee.setText("5")
    dialog.warehouse.setCurrentIndex(dialog.warehouse.findData("W1"))
    assert dialog.submit()
    assert Document.get(Document.number == dialog.number).doc_type == "WWRK"
    qtbot.waitUntil(lambda: table.rowCount() == 1 and table.rows[0]["received"] == 8)
    table.selectRow(0)
    page.outsourcing.act("return")
    dialog = page.outsourcing.dialog
    assert "M1  4" in dialog.plan.text()  # 20 sent, 16 consumed by the 8 received
    dialog.warehouse.setCurrentIndex(dialog.warehouse.findData("W1"))
    assert dialog.submit()
    assert Document.get(Document.number == dialog.number).doc_type == "WWTL"
    _assert_blocked(page, table, "return", "加工单位没有剩余材料")  # nothing left out there
    assert window.pages["purchase"].docs.type_box.findData("WWDD") >= 0
    window.ops.shutdown()


def _assert_blocked(page, table, mode: str, hint: str) -> None:
    """The dialog of `mode` opens with OK off and says why."""
    table.selectRow(0)
    page.outsourcing.act(mode)
    dialog = page.outsourcing.dialog
    assert not dialog.ok_button.isEnabled() and hint in dialog.ok_button.toolTip()
    dialog.reject()


def test_rows_table_shows_words_for_flags_and_quantities_without_noise(qtbot):
    from jxc_desktop.ui.production.widgets import RowsTable

    table = RowsTable([("capacity", "产能", "qty"), ("overloaded", "超负荷", "bool")])
    qtbot.addWidget(table)
    table.fill([{"capacity": Decimal("22.5000"), "overloaded": False}])
    table.fill(table.rows + [{"capacity": Decimal("8"), "overloaded": True}])
    assert [table.item(r, 0).text() for r in range(2)] == ["22.5", "8"]
    assert [table.item(r, 1).text() for r in range(2)] == ["否", "是"]
