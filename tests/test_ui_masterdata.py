"""基础资料 tab: dialogs create and edit through the real engine; errors shown at once."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from ui_helpers import make_item, make_window, type_text

from jxc_desktop.engine import masterdata as md
from jxc_desktop.models.masterdata import Item, ItemBarcode, Location, Partner, Warehouse
from jxc_desktop.ui import messages


def open_masterdata(qtbot, company, tmp_path, entity="items"):
    window = make_window(qtbot, company, tmp_path)
    window.select_tab("masterdata")
    page = window.pages["masterdata"]
    page.select_key(entity)
    return window, page


def test_create_item_with_barcode_through_the_dialog(qtbot, company, tmp_path):
    md.save_unit("提")
    _, page = open_masterdata(qtbot, company, tmp_path)
    page.buttons["new"].click()
    dialog = page.dialog
    qtbot.keyClicks(dialog.fields["code"], "SP001")
    type_text(dialog.fields["name"], "农夫山泉矿泉水")
    qtbot.keyClicks(dialog.fields["spec"], "550ml")
    dialog.fields["base_unit"].setCurrentText("瓶")
    qtbot.keyClicks(dialog.fields["sale_price"], ".5")  # "0" + ".5" = 0.5
    dialog.units_table.add_row()
    dialog.units_table.cell(0, 0).setEditText("箱")
    qtbot.keyClicks(dialog.units_table.cell(0, 1), "24")
    qtbot.mouseClick(dialog.barcode_table.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.barcode_table.cell(0, 0), "6901234567892")
    dialog.barcode_table.add_row()
    qtbot.keyClicks(dialog.barcode_table.cell(1, 0), "16901234567899")
    dialog.barcode_table.cell(1, 1).setEditText("箱")
    assert dialog.save(), dialog.banner.text()
    item = Item.get(Item.code == "SP001")
    assert item.name == "农夫山泉矿泉水" and item.sale_price == Decimal("0.5")
    codes = {b.barcode: (b.unit.name if b.unit else None) for b in ItemBarcode.select()}
    assert codes == {"6901234567892": None, "16901234567899": "箱"}
    model = page.list.model
    assert model.rowCount() == 1
    row = model.row(0)
    assert row["code"] == "SP001" and "6901234567892" in row["barcode"]
    shown = [model.data(model.index(0, c)) for c in range(model.columnCount())]
    assert "农夫山泉矿泉水" in shown and "0.50" in shown


def test_bad_item_shows_every_error_at_once(qtbot, company, tmp_path):
    make_item("DUP", "已有商品", barcodes=[md.BarcodeData("6901234567892")])
    _, page = open_masterdata(qtbot, company, tmp_path)
    dialog = page.new_record()
    qtbot.keyClicks(dialog.fields["code"], "DUP")  # taken
    # name left empty
    dialog.fields["sale_price"].setText("1.2.3")
    dialog.fields["safety_stock"].setText("10")
    dialog.fields["max_stock"].setText("5")  # safety > max
    dialog.barcode_table.add_row(["6901234567893"])  # wrong EAN-13 check digit
    assert dialog.save() is False
    assert dialog.isVisible()
    wrong = set(dialog.problem_fields())
    assert {"code", "name", "sale_price", "barcodes"} <= wrong
    assert "safety_stock" in wrong or "max_stock" in wrong
    assert dialog.errors["code"].text() and "border" in dialog.fields["code"].styleSheet()
    assert "个问题" in dialog.banner.text()
    assert dialog.tabs.tabText(2).endswith("(1)")  # the barcodes tab shows it holds one
    assert Item.select().count() == 1  # nothing written
    dialog.fields["code"].setText("NEW1")
    type_text(dialog.fields["name"], "新商品")
    dialog.fields["sale_price"].setText("3")
    dialog.fields["max_stock"].setText("50")
    dialog.barcode_table.remove_current()
    assert dialog.save(), dialog.banner.text()
    assert Item.select().count() == 2


def test_edit_item_keeps_units_and_barcodes(qtbot, company, tmp_path):
    make_item(
        "E1",
        "可乐",
        base_unit="瓶",
        units=[md.UnitData("箱", "12")],
        barcodes=[md.BarcodeData("6901234567892"), md.BarcodeData("16901234567899", "箱")],
    )
    _, page = open_masterdata(qtbot, company, tmp_path)
    page.list.select_row(0)
    dialog = page.edit_record()
    assert dialog.fields["code"].text() == "E1"
    assert dialog.units_table.rows() == [["箱", "12"]]
    assert dialog.barcode_table.rows() == [["6901234567892", ""], ["16901234567899", "箱"]]
    dialog.fields["name"].clear()
    type_text(dialog.fields["name"], "可口可乐")
    assert dialog.save(), dialog.banner.text()
    assert md.item_data(Item.get().id).units[0].factor == Decimal("12")
    assert page.list.model.row(0)["name"] == "可口可乐"


def test_deactivate_from_the_list(qtbot, company, tmp_path):
    make_item("D1", "旧商品")
    _, page = open_masterdata(qtbot, company, tmp_path)
    make_item("D2", "在用商品")
    page.list.select_row(0)
    assert page.toggle_active()
    assert Item.get(Item.code == "D1").active is False
    model = page.list.model
    assert model.data(model.index(0, 0), Qt.ItemDataRole.ForegroundRole) is not None  # greyed
    page.list.hide_inactive.setChecked(True)
    assert model.rowCount() == 1 and model.row(0)["code"] == "D2"
    page.list.hide_inactive.setChecked(False)
    page.list.select_row(0)
    assert page.list.current_row()["active"] is False
    page.toggle_active()
    assert Item.get(Item.code == "D1").active is True


def test_warehouse_with_locations(qtbot, company, tmp_path):
    _, page = open_masterdata(qtbot, company, tmp_path, "warehouses")
    dialog = page.new_record()
    qtbot.keyClicks(dialog.fields["code"], "WH01")
    type_text(dialog.fields["name"], "主仓库")
    dialog.locations.add_row(["A-01", "一号货架"])
    dialog.locations.add_row(["A-01", "重复"])
    assert dialog.save() is False
    assert dialog.problem_fields() == ["locations"]
    dialog.locations.cell(1, 0).setText("A-02")
    assert dialog.save(), dialog.banner.text()
    wh = Warehouse.get(Warehouse.code == "WH01")
    assert sorted(loc.code for loc in Location.select().where(Location.warehouse == wh)) == [
        "A-01",
        "A-02",
    ]
    assert page.list.model.rowCount() == 1


def test_partner_dialog_for_customers(qtbot, company, tmp_path):
    _, page = open_masterdata(qtbot, company, tmp_path, "customers")
    dialog = page.new_record()
    dialog.fields["credit_limit"].setText("-5")
    dialog.fields["payment_terms_days"].setText("abc")
    assert dialog.save() is False
    assert {"code", "name", "credit_limit", "payment_terms_days"} <= set(dialog.problem_fields())
    qtbot.keyClicks(dialog.fields["code"], "C001")
    type_text(dialog.fields["name"], "华联超市")
    dialog.fields["credit_limit"].setText("50000.00")
    dialog.fields["payment_terms_days"].setText("30")
    assert dialog.save(), dialog.banner.text()
    partner = Partner.get()
    assert partner.kind == "customer" and partner.credit_limit == Decimal("50000.00")
    assert page.list.model.rowCount() == 1


def test_unit_category_and_simple_lists(qtbot, company, tmp_path):
    _, page = open_masterdata(qtbot, company, tmp_path, "units")
    before = page.list.model.rowCount()
    dialog = page.new_record()
    type_text(dialog.fields["name"], "盒")
    assert dialog.save()
    assert page.list.model.rowCount() == before + 1
    page.select_key("categories")
    dialog = page.new_record()
    qtbot.keyClicks(dialog.fields["code"], "01")
    type_text(dialog.fields["name"], "饮料")
    assert dialog.save()
    assert page.list.model.row(0)["name"] == "饮料"
    for key in ("departments", "staff", "tax_rates", "currencies", "suppliers"):
        page.select_key(key)
        assert page.list.model.source.name == key
    page.select_key("currencies")
    assert page.list.model.rowCount() >= 4


def test_search_is_done_in_sql(qtbot, company, tmp_path):
    for i in range(30):
        make_item(f"S{i:03d}", f"商品{i}")
    make_item("X1", "矿泉水", barcodes=[md.BarcodeData("6901234567892")])
    _, page = open_masterdata(qtbot, company, tmp_path)
    page.list.search.setText("6901234567892")
    page.list.apply_search()  # counted on the worker thread
    qtbot.waitUntil(lambda: page.list.model.rowCount() == 1, timeout=5000)
    qtbot.keyClicks(page.list.search, "x")  # typing waits for a pause, then searches
    page.list.search.setText("S00")
    qtbot.keyClick(page.list.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.list.model.rowCount() == 10, timeout=5000)
    assert "10" in page.list.count_label.text()


def test_engine_error_becomes_a_message(qtbot, company, tmp_path):
    _, page = open_masterdata(qtbot, company, tmp_path)
    before = len(messages.shown)
    assert page.edit_record() is False  # nothing selected
    assert len(messages.shown) == before + 1
    messages.shown[-1].close()


def test_delete_only_what_nothing_uses(qtbot, company, tmp_path):
    make_item("DEL1", "试用品")
    _, page = open_masterdata(qtbot, company, tmp_path)
    page.list.select_row(0)
    box = page.delete_record()
    assert "DEL1" in box.text()
    box.accept()
    assert Item.select().count() == 0
    assert page.list.model.rowCount() == 0
    page.select_key("departments")
    assert not page.buttons["delete"].isEnabled()  # the engine has no department delete


def test_staff_edit_keeps_the_department(qtbot, company, tmp_path):
    from jxc_desktop.models.masterdata import Staff

    md.save_department(md.DepartmentData("D1", "销售部"))
    md.save_staff(md.StaffData("S1", "张三", "D1"))
    _, page = open_masterdata(qtbot, company, tmp_path, "staff")
    page.list.select_row(0)
    dialog = page.edit_record()
    assert dialog.fields["name"].text() == "张三"
    dialog.fields["phone"].setText("13800000000")
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # Ctrl+S saves
    staff = Staff.get()
    assert staff.department.code == "D1" and staff.phone == "13800000000"


def test_enter_on_a_row_opens_it(qtbot, company, tmp_path):
    make_item("K1", "键盘商品")
    window, page = open_masterdata(qtbot, company, tmp_path)
    page.list.select_row(0)
    page.list.table.setFocus()
    qtbot.keyClick(page.list.table, Qt.Key.Key_Return)
    assert page.dialog is not None and page.dialog.fields["code"].text() == "K1"
    page.dialog.reject()


def test_items_filtered_by_category_tree(qtbot, company, tmp_path):
    md.save_category(md.CategoryData("01", "饮料"))
    md.save_category(md.CategoryData("0101", "矿泉水", "01"))
    md.save_category(md.CategoryData("02", "食品"))
    make_item("W1", "水", category="0101")
    make_item("F1", "面", category="02")
    _, page = open_masterdata(qtbot, company, tmp_path)
    box = page.category_filter
    assert box.isVisible() and box.count() == 4
    box.setCurrentIndex(box.findData("01"))
    box.activated.emit(box.currentIndex())
    assert page.list.model.rowCount() == 1 and page.list.model.row(0)["code"] == "W1"
    page.select_key("units")
    assert not box.isVisible()


def test_ctrl_p_on_the_item_list_prints_barcode_labels(qtbot, company, tmp_path):
    make_item("L1", "矿泉水", barcodes=[md.BarcodeData("6901234567892")], sale_price="2.5")
    window, page = open_masterdata(qtbot, company, tmp_path)
    page.list.select_row(0)
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    dialog = page.dialog
    dialog.fields["qty"].setValue(3)
    dialog.fields["layout"].setCurrentIndex(dialog.fields["layout"].findData("a4-3x8"))
    pdf = tmp_path / "labels.pdf"
    assert dialog.save(str(pdf)), dialog.banner.text()
    assert pdf.read_bytes().startswith(b"%PDF")
    messages.shown[-1].close()
    page.select_key("units")
    assert page.print_view() is False  # no print view there: the window says so
