"""The 库存 tab: lists, the scanner form (200 scans), stocktake by scanning, drill-down."""

from __future__ import annotations

import datetime as dt
import time
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from jxc_desktop.engine import documents
from jxc_desktop.engine import masterdata as md
from jxc_desktop.engine.barcodes import complete_ean13
from jxc_desktop.engine.reports import ReportParams, load_all
from jxc_desktop.ui import messages
from jxc_desktop.ui.inventory.doc_form import DocumentForm
from jxc_desktop.ui.inventory.stocktake import StocktakeDialog
from tests.ui_helpers import make_window

WATER = complete_ean13("690123456789")
WATER_BOX = complete_ean13("690123456790")
TEA = complete_ean13("690123456791")


@pytest.fixture
def shop(company):
    md.save_warehouse(md.WarehouseData("W1", "主仓库"))
    md.save_warehouse(md.WarehouseData("W2", "门店仓"))
    md.save_item(
        md.ItemData(
            code="WATER",
            name="矿泉水 550ml",
            purchase_price="1.2",
            units=[md.UnitData("箱", "12")],
            barcodes=[md.BarcodeData(WATER), md.BarcodeData(WATER_BOX, "箱")],
        )
    )
    md.save_item(
        md.ItemData(code="TEA", name="绿茶", purchase_price="3.5", barcodes=[md.BarcodeData(TEA)])
    )
    return company


@pytest.fixture
def window(qtbot, shop, tmp_path):
    window = make_window(qtbot, shop, tmp_path)
    window.select_tab("inventory")
    yield window
    messages.shown.clear()


def wait_idle(qtbot, ops):
    qtbot.waitUntil(lambda: not ops.busy(), timeout=10_000)


def finish(qtbot, window, job) -> None:
    """Waits for the form's save / approval on the worker thread."""
    assert job is not None
    wait_idle(qtbot, window.ops)


def scan(qtbot, form, text):
    qtbot.keyClicks(form.scan.edit, text)
    qtbot.keyClick(form.scan.edit, Qt.Key.Key_Enter)


def balance(item, wh="W1"):
    rows = load_all()["stock-balance"].run(ReportParams(item=item, warehouse=wh))
    return sum((r["qty"] for r in rows), Decimal(0)), sum((r["value"] for r in rows), Decimal(0))


def test_tab_opens_every_sub_view(window, qtbot):
    page = window.pages["inventory"]
    assert window.current_page() is page
    for i, (key, _label) in enumerate(page.entries):
        page.nav.setCurrentRow(i)
        assert page.stack.currentWidget() is page.views[key]
    page.select_key("QTRK")
    assert page.views["QTRK"].list.model.rowCount() == 0


def test_scanning_200_codes_into_a_receipt_then_approve(window, qtbot):
    page = window.pages["inventory"]
    page.select_key("QTRK")
    form = page.new_record()
    assert isinstance(form, DocumentForm)
    qtbot.waitUntil(lambda: form.scan.edit.hasFocus(), timeout=2000)
    form.date.setDate(dt.date(2026, 1, 5))
    sequence = []
    for n in range(196):
        sequence.append([WATER, TEA, "WATER"][n % 3])
    sequence += [WATER_BOX, "3*" + TEA, "NOPE-404", WATER[:-1] + "0"]
    start = time.perf_counter()
    for code in sequence:
        scan(qtbot, form, code)
        assert form.scan.edit.text() == ""
    elapsed = time.perf_counter() - start
    # 131 water pieces (66 EAN + 65 by item code), 65 + 3 tea, 1 box; 2 refused scans.
    lines = {(x.code, x.unit): x.qty for x in form.lines.lines}
    assert lines == {
        ("WATER", "个"): Decimal(131),
        ("TEA", "个"): Decimal(68),
        ("WATER", "箱"): Decimal(1),
    }
    assert form.scan.is_error() and "校验位" in form.scan.message.text()
    assert form.scan.errors == 2
    assert elapsed < 20, elapsed
    finish(qtbot, window, form.approve())
    assert form.header.status == "approved"
    assert messages.shown and "已审核" in messages.shown[-1].text()
    # 131 + 12 = 143 pieces at 1.20; the box line costs 14.40.
    assert balance("WATER") == (Decimal(143), Decimal("171.60"))
    assert balance("TEA") == (Decimal(68), Decimal("238.00"))
    listed = page.views["QTRK"].list.model
    assert listed.rowCount() == 1 and listed.row(0)["status"] == "已审核"


def test_save_shows_every_problem_at_once(window, qtbot):
    page = window.pages["inventory"]
    page.select_key("QTCK")
    form = page.new_record()
    form.warehouse.setCurrentIndex(0)  # no warehouse
    finish(qtbot, window, form.save())  # and no lines
    text = form.banner.text()
    assert not form.banner.isHidden()
    assert "仓库" in text and "明细" in text
    assert form.doc_id is None


def test_backdated_receipt_shows_the_revaluation_notice(window, qtbot):
    from tests.inventory_helpers import doc

    doc("QTRK", dt.date(2026, 1, 10), [("WATER", 10, "1")])
    doc("QTCK", dt.date(2026, 1, 12), [("WATER", 5)])
    page = window.pages["inventory"]
    page.select_key("QTRK")
    form = page.new_record()
    form.date.setDate(dt.date(2026, 1, 8))
    scan(qtbot, form, "10*WATER")
    form.lines[0].price = Decimal("2")
    finish(qtbot, window, form.approve())
    assert form.header.status == "approved"
    assert "重估" in messages.shown[-1].text()


def test_list_actions_unapprove_void_delete_print_labels_export(window, qtbot, tmp_path):
    from tests.inventory_helpers import doc

    d = doc("QTRK", dt.date(2026, 1, 3), [("WATER", 4, "1.2")])
    page = window.pages["inventory"]
    view = page.select_key("QTRK")
    view.refresh()
    view.list.select_row(0)
    assert view.unapprove()
    assert documents.get_document(d.id).status == "draft"
    pdf = tmp_path / "doc.pdf"
    view.print_document(str(pdf))
    wait_idle(qtbot, window.ops)
    assert pdf.stat().st_size > 1000
    labels = view.print_labels(str(tmp_path / "labels.pdf"))
    assert labels.count.text() == "4"
    labels.layout_box.setCurrentIndex(2)
    labels.render()
    wait_idle(qtbot, window.ops)
    assert (tmp_path / "labels.pdf").stat().st_size > 1000
    out = tmp_path / "list.xlsx"
    view.export(str(out))
    wait_idle(qtbot, window.ops)
    from openpyxl import load_workbook

    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    assert rows[1][0] == d.number and rows[1][2] == "其他入库"
    view.status.setCurrentIndex(view.status.findData("draft"))
    assert view.list.model.rowCount() == 1
    view.list.select_row(0)
    assert view.void()
    assert documents.get_document(d.id).status == "void"
    assert view.list.model.rowCount() == 0


def test_stocktake_counted_by_scanning_posts_gain_and_loss(window, qtbot):
    from tests.inventory_helpers import doc

    doc("QTRK", dt.date(2026, 1, 2), [("WATER", 24, "1.2"), ("TEA", 10, "3.5")])
    page = window.pages["inventory"]
    page.select_key("PDD")
    create = page.new_record()
    create.date.setDate(dt.date(2026, 1, 20))
    finish(qtbot, window, create.create())
    counting = page.dialog
    assert isinstance(counting, StocktakeDialog)
    assert "未盘" in counting.model.data(counting.model.index(0, 7))
    scan(qtbot, counting, WATER_BOX)  # 12
    scan(qtbot, counting, WATER_BOX)  # 24
    scan(qtbot, counting, "2*" + WATER)  # 26: a gain of 2
    scan(qtbot, counting, "NOPE")
    assert counting.scan.is_error()
    tea_row = next(i for i, r in enumerate(counting.model.rows) if r["item"] == "TEA")
    counting.model.setData(counting.model.index(tea_row, 7), "7")  # typed: a loss of 3
    rows = {r["item"]: r for r in counting.model.rows}
    assert rows["WATER"]["diff_qty"] == 2 and rows["TEA"]["diff_qty"] == -3
    assert "盘盈 2.40" in counting.summary.text()
    counting.reject()
    # Resumed later: the counts are on the draft.
    page.views["PDD"].refresh()
    page.views["PDD"].list.select_row(0)
    page.views["PDD"].edit()
    resumed = page.dialog
    assert resumed is not counting and {
        r["item"]: r["counted_qty"] for r in resumed.model.rows
    } == {
        "WATER": 26,
        "TEA": 7,
    }
    finish(qtbot, window, resumed.approve())
    assert "已审核" in resumed.info.text()
    assert balance("WATER") == (Decimal(26), Decimal("31.20"))
    assert balance("TEA")[0] == 7


def test_stock_query_drills_down_to_moves_and_documents(window, qtbot):
    from tests.inventory_helpers import doc

    first = doc("QTRK", dt.date(2026, 1, 2), [("WATER", 24, "1.2")])
    doc("DBD", dt.date(2026, 1, 3), [("WATER", 4)], dest="W2")
    page = window.pages["inventory"]
    stock = page.select_key("balance")
    stock.run()
    wait_idle(qtbot, window.ops)
    assert [(r["item"], r["warehouse"], r["qty"]) for r in stock.model.rows] == [
        ("WATER", "W1", 20),
        ("WATER", "W2", 4),
    ]
    stock.table.activated.emit(stock.model.index(0, 0))
    wait_idle(qtbot, window.ops)
    ledger = page.views["ledger"]
    assert page.stack.currentWidget() is ledger
    assert [r["number"] for r in ledger.model.data_rows()] == [first.number, page_number("DBD")]
    ledger.table.activated.emit(ledger.model.index(1, 0))  # row 0 is the 期初余额 row
    form = page.dialog
    assert isinstance(form, DocumentForm) and form.header.number == first.number
    assert not form.scan.isVisible() and form.model.read_only


def page_number(doc_type):
    from jxc_desktop.models.documents import Document

    return Document.get(Document.doc_type == doc_type).number


def test_approve_refusal_lists_every_line_problem_in_the_form(window, qtbot):
    md.save_item(md.ItemData(code="MILK", name="牛奶", batch_managed=True, shelf_life_days=30))
    md.save_item(md.ItemData(code="EGG", name="鸡蛋", batch_managed=True, shelf_life_days=30))
    page = window.pages["inventory"]
    page.select_key("QTRK")
    form = page.new_record()
    scan(qtbot, form, "MILK")
    scan(qtbot, form, "EGG")
    finish(qtbot, window, form.approve())
    text = form.banner.text()
    assert "已保存但未审核" in text
    assert "第 1 行" in text and "第 2 行" in text and "批次" in text
    assert form.header.status == "draft" and form.doc_id is not None  # saved, not approved


def test_counting_goes_to_the_chosen_location(window, qtbot):
    from tests.inventory_helpers import doc

    md.save_warehouse(
        md.WarehouseData(
            "W3",
            "货架仓",
            locations=[md.LocationData("A-01", "A-01"), md.LocationData("B-01", "B-01")],
        )
    )
    doc(
        "QTRK",
        dt.date(2026, 1, 2),
        [
            documents.LineInput(item="WATER", qty="5", price="1.2", location="A-01"),
            documents.LineInput(item="WATER", qty="7", price="1.2", location="B-01"),
        ],
        warehouse="W3",
    )
    page = window.pages["inventory"]
    page.select_key("PDD")
    create = page.new_record()
    create.warehouse.setCurrentIndex(create.warehouse.findData("W3"))
    create.location.setText("B-01")
    finish(qtbot, window, create.create())
    counting = page.dialog
    assert counting.location.currentData() == "B-01"  # the scope's location, preselected
    assert [r["location"] for r in counting.model.rows] == ["B-01"]
    scan(qtbot, counting, "6*" + WATER)
    rows = counting.model.rows
    assert len(rows) == 1 and rows[0]["counted_qty"] == 6 and rows[0]["diff_qty"] == -1
    counting.location.setCurrentIndex(counting.location.findData("A-01"))
    scan(qtbot, counting, WATER)  # found on A-01 though the count is for B-01: a new line
    assert [(r["location"], r["counted_qty"]) for r in counting.model.rows] == [
        ("B-01", 6),
        ("A-01", 1),
    ]


def test_grid_edits_unit_quantity_and_refuses_bad_numbers(window, qtbot):
    page = window.pages["inventory"]
    page.select_key("QTRK")
    form = page.new_record()
    scan(qtbot, form, WATER)
    model = form.model
    unit = model.index(0, model.column_of("unit"))
    assert model.setData(unit, "箱")
    assert (form.lines[0].unit, form.lines[0].price) == ("箱", Decimal("14.4"))
    assert not model.setData(unit, "吨")
    assert "不是该商品的单位" in form.scan.message.text()
    qty = model.index(0, model.column_of("qty"))
    assert not model.setData(qty, "1e3")
    assert form.lines[0].qty == 1 and form.scan.is_error()
    assert model.setData(qty, "2.5")
    assert model.data(model.index(0, model.column_of("line_amount"))) == "36.00"
    assert not model.setData(model.index(0, model.column_of("expiry_date")), "2026-13-01")
    assert model.setData(model.index(0, model.column_of("code")), "TEA")
    assert (form.lines[0].code, form.lines[0].unit, form.lines[0].price) == ("TEA", "个", 3.5)
    assert "2.5" in form.totals.text()
    form.table.selectRow(0)
    form.remove_line()
    assert len(form.lines) == 0 and model.rowCount() == 0
    scan(qtbot, form, TEA)
    assert len(form.lines) == 1  # the index forgot the removed line


def test_receiving_batches_by_scanning(window, qtbot):
    md.save_item(
        md.ItemData(
            code="MILK",
            name="牛奶",
            batch_managed=True,
            shelf_life_days=30,
            barcodes=[md.BarcodeData(complete_ean13("690123456792"))],
        )
    )
    milk = complete_ean13("690123456792")
    page = window.pages["inventory"]
    page.select_key("QTRK")
    form = page.new_record()
    form.date.setDate(dt.date(2026, 1, 5))
    form.batch_no.setText("B0105")
    form.production_date.setText("2026-01-04")
    scan(qtbot, form, "12*" + milk)
    form.batch_no.setText("B0106")
    scan(qtbot, form, "6*" + milk)
    form.production_date.setText("2026-02-30")
    scan(qtbot, form, milk)
    assert form.scan.is_error() and "日期" in form.scan.message.text()
    assert [(x.batch_no, x.qty) for x in form.lines.lines] == [("B0105", 12), ("B0106", 6)]
    form.lines[0].price = form.lines[1].price = Decimal("3")
    finish(qtbot, window, form.approve())
    assert form.header.status == "approved", form.banner.text()
    rows = load_all()["stock-balance"].run(ReportParams(item="MILK"))
    assert sorted((r["batch"], r["qty"]) for r in rows) == [("B0105", 12), ("B0106", 6)]


def test_transfer_and_cost_adjustment_forms(window, qtbot):
    from tests.inventory_helpers import doc

    doc("QTRK", dt.date(2026, 1, 2), [("WATER", 24, "1.2")])
    page = window.pages["inventory"]
    page.select_key("DBD")
    move = page.new_record()
    assert "dest_location" in [c.key for c in move.model.columns]
    assert "price" not in [c.key for c in move.model.columns]
    move.date.setDate(dt.date(2026, 1, 3))
    move.dest_warehouse.setCurrentIndex(move.dest_warehouse.findData("W2"))
    scan(qtbot, move, "10*WATER")
    finish(qtbot, window, move.approve())
    assert move.header.status == "approved", move.banner.text()
    assert balance("WATER", "W2") == (Decimal(10), Decimal("12.00"))
    page.select_key("CBTZ")
    adjust = page.new_record()
    assert [c.key for c in adjust.model.columns][:4] == ["code", "name", "spec", "amount"]
    adjust.date.setDate(dt.date(2026, 1, 4))
    scan(qtbot, adjust, "WATER")
    assert adjust.model.setData(adjust.model.index(0, 3), "-2.40")  # a write-down
    finish(qtbot, window, adjust.approve())
    assert adjust.header.status == "approved", adjust.banner.text()
    assert balance("WATER") == (Decimal(14), Decimal("14.40"))
    summary = page.select_key("summary")
    summary.use_from.setChecked(True)
    summary.date_from.setDate(dt.date(2026, 1, 1))
    summary.run()
    wait_idle(qtbot, window.ops)
    rows = {r["warehouse"]: r for r in summary.model.data_rows()}
    assert rows["W1"]["in_qty"] == 24 and rows["W1"]["closing_value"] == Decimal("14.40")
    assert summary.count.text() == "共 2 条"


def test_code_cell_completion_uses_the_items_search(shop):
    from jxc_desktop.ui.inventory.delegates import suggestions

    assert suggestions("WAT") == ["WATER  矿泉水 550ml"]
    assert suggestions("绿") == ["TEA  绿茶"]
    assert suggestions(TEA) == ["TEA  绿茶"]  # a barcode finds its item too
    assert suggestions(" ") == []


def test_batch_managed_items_are_counted_per_batch(window, qtbot):
    from tests.inventory_helpers import doc

    md.save_item(md.ItemData(code="MILK", name="牛奶", batch_managed=True, shelf_life_days=30))
    doc(
        "QTRK",
        dt.date(2026, 1, 2),
        [
            documents.LineInput(item="MILK", qty="4", price="3", batch_no="B1"),
            documents.LineInput(item="MILK", qty="6", price="3", batch_no="B2"),
        ],
    )
    page = window.pages["inventory"]
    page.select_key("PDD")
    create = page.new_record()
    create.date.setDate(dt.date(2026, 1, 9))
    finish(qtbot, window, create.create())
    counting = page.dialog
    counting.batch.setText("B2")
    scan(qtbot, counting, "5*MILK")
    counting.batch.setText("B1")
    scan(qtbot, counting, "4*MILK")
    got = {(r["item"], r["batch"]): (r["counted_qty"], r["diff_qty"]) for r in counting.model.rows}
    assert got == {("MILK", "B1"): (4, 0), ("MILK", "B2"): (5, -1)}
    finish(qtbot, window, counting.approve())
    rows = load_all()["stock-balance"].run(ReportParams(item="MILK"))
    assert sorted((r["batch"], r["qty"]) for r in rows) == [("B1", 4), ("B2", 5)]
