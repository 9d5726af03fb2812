"""Base data engine: every rule reported at once, nothing half-written, deactivate vs delete."""

import datetime as dt
from decimal import Decimal

import pytest

from jxc_desktop.engine import barcodes as bc
from jxc_desktop.engine import masterdata as md
from jxc_desktop.engine import settings
from jxc_desktop.engine.errors import JxcError, ValidationError
from jxc_desktop.engine.i18n import set_language
from jxc_desktop.models.company import AuditLog
from jxc_desktop.models.documents import Document, DocumentLine
from jxc_desktop.models.masterdata import (
    ExchangeRate,
    Item,
    ItemBarcode,
    ItemCategory,
    ItemUnit,
    Location,
    Partner,
    Unit,
    Warehouse,
)


def water(**kw) -> md.ItemData:
    base = dict(
        code="A001",
        name="矿泉水",
        spec="550ml",
        base_unit="瓶",
        sale_price="2.5",
        purchase_price="1.2",
        units=[md.UnitData("箱", "24")],
        barcodes=[md.BarcodeData("6901234567892"), md.BarcodeData("16901234567899", "箱")],
    )
    base.update(kw)
    return md.ItemData(**base)


def problems_of(fn, *args) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as info:
        fn(*args)
    out: dict[str, list[str]] = {}
    for p in info.value.problems:
        out.setdefault(p.field, []).append(p.message)
    return out


# --- barcodes -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "code, valid",
    [
        ("6901234567892", True),
        ("6901234567891", False),
        ("4006381333931", True),
        ("4006381333932", False),
        ("96385074", True),  # EAN-8
        ("96385075", False),
        ("036000291452", True),  # UPC-A
        ("036000291453", False),
        ("16901234567899", True),  # GTIN-14 box code
    ],
)
def test_gs1_check_digits(code, valid):
    assert bc.has_valid_check_digit(code) is valid
    assert (bc.problem_text(code) is None) is valid


def test_check_digit_helpers():
    assert bc.ean_check_digit("690123456789") == 2
    assert bc.complete_ean13("690123456789") == "6901234567892"
    assert bc.is_valid_ean13("6901234567892") and not bc.is_valid_ean13("690123456789")
    assert bc.is_valid_ean8("96385074") and bc.is_valid_upca("036000291452")
    assert bc.classify("6901234567892") == "ean13"
    assert bc.classify("ABC-123") == "internal"
    assert bc.classify("12345") == "internal"
    assert bc.classify("有中文") == "invalid"
    assert bc.classify("A B") == "invalid"


# --- items ----------------------------------------------------------------------------


def test_save_and_edit_item_round_trip(company):
    md.save_category(md.CategoryData("DRINK", "饮料"))
    md.save_warehouse(md.WarehouseData("WH1", "主仓库"))
    data = water(
        category="DRINK",
        default_warehouse="WH1",
        batch_managed=True,
        shelf_life_days=365,
        purchase_unit="箱",
        safety_stock="10",
        max_stock="500",
    )
    item = md.save_item(data)
    back = md.item_data(item.id)
    assert back.code == "A001" and back.category == "DRINK" and back.default_warehouse == "WH1"
    assert back.sale_price == Decimal("2.5") and back.tax_rate == Decimal("13")
    assert back.units == [md.UnitData("箱", Decimal("24"))]
    assert back.barcodes == data.barcodes
    assert back.purchase_unit == "箱" and back.purchase_unit_factor == Decimal("24")
    assert back.valuation_method == "moving_average"
    back.name = "矿泉水（新）"
    back.barcodes = [md.BarcodeData("6901234567892")]
    md.save_item(back, item.id)
    assert Item.get_by_id(item.id).name == "矿泉水（新）"
    assert ItemBarcode.select().count() == 1
    assert AuditLog.select().where(AuditLog.action == "item.update").count() == 1


def test_default_valuation_comes_from_settings(company):
    settings.set_value("valuation_method", "fifo")
    item = md.save_item(water(units=[], barcodes=[]))
    assert item.valuation_method == "fifo"


def test_every_item_problem_reported_at_once(company):
    md.save_item(water())
    bad = md.ItemData(
        code="A001",  # duplicate
        name="",  # required
        base_unit="吨",  # no such unit
        category="NOPE",
        default_warehouse="NOPE",
        tax_rate="101",
        sale_price="1.1234567",  # 7 decimals
        purchase_price="1e5",  # exponent
        safety_stock="10",
        max_stock="5",
        item_type="toy",
        valuation_method="lifo",
        shelf_life_days=30,  # without batch management
        units=[md.UnitData("箱", "0"), md.UnitData("箱", "12")],
        barcodes=[
            md.BarcodeData("6901234567891"),  # bad check digit
            md.BarcodeData("6901234567892"),  # another item's barcode
            md.BarcodeData("96385074", "包"),  # unit not the item's
        ],
        lot_rule="fixed",
        source="steal",
    )
    found = problems_of(md.save_item, bad)
    for field in (
        "code",
        "name",
        "base_unit",
        "category",
        "default_warehouse",
        "tax_rate",
        "sale_price",
        "purchase_price",
        "safety_stock",
        "item_type",
        "valuation_method",
        "shelf_life_days",
        "units",
        "barcodes",
        "lot_size",
        "source",
    ):
        assert field in found, field
    assert len(found["barcodes"]) == 3
    assert len(found["units"]) == 2  # factor 0, unit repeated
    assert Item.select().count() == 1


def test_float_numbers_are_refused(company):
    found = problems_of(md.save_item, water(sale_price=2.5))
    assert "sale_price" in found


def test_item_code_and_barcode_rules(company):
    md.save_item(water())
    found = problems_of(
        md.save_item, water(code="A 2", units=[], barcodes=[md.BarcodeData("A001")])
    )
    assert "code" in found  # inner space
    assert any("编码" in m for m in found["barcodes"])  # a barcode equal to another item's code
    found = problems_of(
        md.save_item, water(code="A002", barcodes=[md.BarcodeData("X1"), md.BarcodeData("X1")])
    )
    assert any("X1" in m for m in found["barcodes"])


def test_purchase_unit_factor_rules(company):
    found = problems_of(md.save_item, water(units=[], barcodes=[], purchase_unit="箱"))
    assert "purchase_unit_factor" in found
    found = problems_of(md.save_item, water(purchase_unit="箱", purchase_unit_factor="12"))
    assert "purchase_unit_factor" in found
    item = md.save_item(water(units=[], barcodes=[], purchase_unit="袋", purchase_unit_factor="50"))
    assert item.purchase_unit_factor == Decimal("50")


def test_specific_valuation_needs_batches(company):
    found = problems_of(md.save_item, water(valuation_method="specific"))
    assert "valuation_method" in found
    md.save_item(water(valuation_method="specific", batch_managed=True))


def test_unknown_unit_is_refused_until_created(company):
    assert "base_unit" in problems_of(md.save_item, water(base_unit="听", units=[], barcodes=[]))
    md.save_unit("听")
    md.save_item(water(base_unit="听", units=[], barcodes=[]))


def test_english_messages(company):
    set_language("en")
    found = problems_of(md.save_item, water(name="", units=[], barcodes=[]))
    assert found["name"] == ["Item name is required"]


def _use_item(item):
    doc = Document.create(doc_type="QTRK", number="QTRK20260101-0001", date=dt.date(2026, 1, 1))
    DocumentLine.create(document=doc, line_no=1, item=item, unit=item.base_unit)
    return doc


def test_delete_unused_item_but_refuse_used_one(company):
    item = md.save_item(water())
    md.delete_item(item.id)
    assert Item.select().count() == 0 and ItemUnit.select().count() == 0
    item = md.save_item(water())
    _use_item(item)
    with pytest.raises(JxcError, match="停用"):
        md.delete_item(item.id)
    md.set_item_active(item.id, False)
    assert not Item.get_by_id(item.id).active
    md.set_item_active(item.id, True)
    assert Item.get_by_id(item.id).active


def test_used_item_keeps_base_unit(company):
    item = md.save_item(water())
    _use_item(item)
    data = md.item_data(item.id)
    data.base_unit = "个"
    assert "base_unit" in problems_of(md.save_item, data, item.id)


# --- categories -----------------------------------------------------------------------


def test_category_tree_and_cycles(company):
    root = md.save_category(md.CategoryData("RAW", "原材料"))
    child = md.save_category(md.CategoryData("PACK", "包装材料", "RAW"))
    md.save_category(md.CategoryData("BOX", "纸箱", "PACK"))
    tree = md.category_tree()
    assert [n.code for n in tree] == ["RAW"]
    assert tree[0].children[0].children[0].code == "BOX"
    assert "parent" in problems_of(
        md.save_category, md.CategoryData("RAW", "原材料", "BOX"), root.id
    )
    assert "parent" in problems_of(
        md.save_category, md.CategoryData("PACK", "包装", "PACK"), child.id
    )
    assert "code" in problems_of(md.save_category, md.CategoryData("RAW", "重复"))
    with pytest.raises(JxcError):
        md.delete_category(root.id)  # has a child
    md.set_category_active(root.id, False)
    assert [n.code for n in md.category_tree(include_inactive=False)] == []


def test_ensure_category_path(company):
    cid = md.ensure_category_path("原材料/包装材料")
    row = ItemCategory.get_by_id(cid)
    assert row.name == "包装材料" and row.parent.name == "原材料"
    assert md.ensure_category_path("原材料/包装材料") == cid


# --- partners -------------------------------------------------------------------------


def test_partner_rules(company):
    ok = md.PartnerData(
        "customer", "C001", "华联超市", tax_number="91350100M000100Y43", credit_limit="50000"
    )
    row = md.save_partner(ok)
    assert row.credit_limit == Decimal("50000.00")
    # the same code may be used by a supplier
    md.save_partner(md.PartnerData("supplier", "C001", "某供应商"))
    bad = md.PartnerData(
        "customer",
        "C001",
        "",
        tax_number="91350100M000100Y44",
        credit_limit="1.234",
        payment_terms_days="-1",
    )
    found = problems_of(md.save_partner, bad)
    assert set(found) >= {"code", "name", "tax_number", "credit_limit", "payment_terms_days"}
    assert "kind" in problems_of(md.save_partner, md.PartnerData("boss", "X", "x"))


def test_uscc_check_character():
    assert md.uscc_check_char("91350100M000100Y4") == "3"


def test_partner_delete_and_deactivate(company):
    p = md.save_partner(md.PartnerData("supplier", "S001", "供应商"))
    Document.create(
        doc_type="CGRK", number="CGRK20260101-0001", date=dt.date(2026, 1, 1), partner=p
    )
    with pytest.raises(JxcError, match="停用"):
        md.delete_partner(p.id)
    md.set_partner_active(p.id, False)
    assert not Partner.get_by_id(p.id).active
    q = md.save_partner(md.PartnerData("supplier", "S002", "另一个"))
    md.delete_partner(q.id)
    assert Partner.select().count() == 1


# --- warehouses -----------------------------------------------------------------------


def test_warehouse_with_locations(company):
    data = md.WarehouseData(
        "WH1", "主仓库", locations=[md.LocationData("A-01", "A区1"), md.LocationData("A-02")]
    )
    wh = md.save_warehouse(data)
    assert Location.select().where(Location.warehouse == wh).count() == 2
    data.locations = [md.LocationData("A-02", "改名")]
    md.save_warehouse(data, wh.id)
    assert [(x.code, x.name) for x in Location.select()] == [("A-02", "改名")]
    bad = md.WarehouseData("WH1", "", locations=[md.LocationData("B"), md.LocationData("B")])
    found = problems_of(md.save_warehouse, bad)
    assert set(found) == {"code", "name", "locations"}
    md.set_warehouse_active(wh.id, False)
    assert not Warehouse.get_by_id(wh.id).active
    md.delete_warehouse(wh.id)
    assert Warehouse.select().count() == 0


# --- small tables ---------------------------------------------------------------------


def test_units_tax_rates_currencies(company):
    unit = md.save_unit("托")
    assert "name" in problems_of(md.save_unit, "托")
    md.set_unit_active(unit.id, False)
    assert not Unit.get_by_id(unit.id).active
    md.delete_unit(unit.id)
    rate = md.save_tax_rate("农产品 10%", "10")
    assert rate.rate == Decimal("10")
    assert "rate" in problems_of(md.save_tax_rate, "坏", "120")
    md.save_currency("JPY", "日元", "¥")
    md.save_currency("jpy", "日本円", "¥")
    er = md.save_exchange_rate("JPY", dt.date(2026, 1, 5), "0.048512")
    assert er.rate == Decimal("0.048512")
    md.save_exchange_rate("JPY", dt.date(2026, 1, 5), "0.05")
    assert ExchangeRate.select().count() == 1
    found = problems_of(md.save_exchange_rate, "CNY", dt.date(2026, 1, 5), "0")
    assert set(found) == {"currency", "rate"}
    assert "code" in problems_of(md.save_currency, "US", "x")
    used_unit = Unit.get(Unit.name == "瓶")
    md.save_item(water(units=[], barcodes=[]))
    with pytest.raises(JxcError):
        md.delete_unit(used_unit.id)


def test_departments_and_staff(company):
    sales = md.save_department(md.DepartmentData("D01", "销售部"))
    east = md.save_department(md.DepartmentData("D0101", "华东组", "D01"))
    found = problems_of(md.save_department, md.DepartmentData("D01", "销售部", "D0101"), sales.id)
    assert "parent" in found
    person = md.save_staff(md.StaffData("E001", "张伟", "D0101", "13800000000"))
    assert person.department_id == east.id
    found = problems_of(md.save_staff, md.StaffData("E001", "", "NOPE"))
    assert set(found) == {"code", "name", "department"}
    md.set_staff_active(person.id, False)
    md.set_department_active(east.id, False)
    md.delete_staff(person.id)


# --- jxc check ------------------------------------------------------------------------


def test_check_finds_base_data_written_around_the_engine(company):
    from jxc_desktop.engine.checks import run_all

    item = md.save_item(water())
    cat = md.save_category(md.CategoryData("A", "甲"))
    child = md.save_category(md.CategoryData("B", "乙", "A"))
    assert run_all() == []
    ItemBarcode.create(item=item, barcode="6901234567800")  # wrong check digit
    ItemBarcode.create(item=item, barcode="X-1", unit=Unit.get(Unit.name == "袋"))
    Item.update(item_type="toy").where(Item.id == item.id).execute()
    ItemCategory.update(parent=child.id).where(ItemCategory.id == cat.id).execute()
    names = [name for name, _ in run_all()]
    assert names.count("masterdata.barcodes") == 1
    assert names.count("masterdata.item_units") == 1
    assert names.count("masterdata.item_choices") == 1
    assert names.count("masterdata.category_tree") == 2
