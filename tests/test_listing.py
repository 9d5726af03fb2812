"""Paged lists: counts, pages, sorting, search by code prefix / name / barcode, filters."""

import pytest

from jxc_desktop.engine import listing
from jxc_desktop.engine import masterdata as md
from jxc_desktop.engine.errors import JxcError
from jxc_desktop.engine.i18n import set_language


@pytest.fixture
def items(company):
    md.save_category(md.CategoryData("RAW", "原材料"))
    md.save_category(md.CategoryData("PACK", "包装材料", "RAW"))
    md.save_category(md.CategoryData("GOODS", "商品"))
    for n in range(1, 26):
        md.save_item(
            md.ItemData(
                code=f"I{n:03d}",
                name=("纸箱" if n % 5 == 0 else "螺丝") + f" {n}",
                category="PACK" if n % 5 == 0 else "GOODS",
                base_unit="个",
                sale_price=str(100 - n),
                barcodes=[md.BarcodeData(f"ITEM-{n}")],
            )
        )
    return company


def test_count_and_pages_cover_every_row_once(items):
    assert listing.count("items") == 25
    seen = []
    for offset in range(0, 25, 10):
        seen += [r["code"] for r in listing.page("items", offset, 10)]
    assert seen == [f"I{n:03d}" for n in range(1, 26)]


def test_sort_descending_and_by_joined_column(items):
    rows = listing.page("items", 0, 3, "sale_price", descending=False)
    assert [r["code"] for r in rows] == ["I025", "I024", "I023"]
    rows = listing.page("items", 0, 2, "code", descending=True)
    assert [r["code"] for r in rows] == ["I025", "I024"]
    rows = listing.page("items", 0, 25, "category")
    assert [r["category"] for r in rows][:5] == ["包装材料"] * 5
    assert rows[0]["base_unit"] == "个"
    assert rows[0]["sale_price"] == listing.page("items", 4, 1)[0]["sale_price"]


def test_deep_offset_from_the_end_matches_forward_order(items):
    forward = listing.row_ids("items", 0, None, "name")
    assert listing.row_ids("items", 20, 10, "name", total=25) == forward[20:]
    # force the backwards path (past the half and the threshold): the last 3 rows
    assert listing.row_ids("items", 20_001, 5, "name", total=20_004) == forward[-3:]


def test_search_code_prefix_name_and_barcode(items):
    assert listing.count("items", "I01") == 10
    assert listing.count("items", "纸箱") == 5
    rows = listing.page("items", 0, 10, search="ITEM-7")
    assert [r["code"] for r in rows] == ["I007"]
    assert rows[0]["barcode"] == "ITEM-7"
    assert listing.count("items", "%") == 0


def test_filters(items):
    assert listing.count("items", filters={"category": "RAW"}) == 5
    item_id = listing.row_ids("items", 0, 1)[0]
    md.set_item_active(item_id, False)
    assert listing.count("items", filters={"active": True}) == 24
    with pytest.raises(JxcError):
        listing.count("items", filters={"colour": "red"})


def test_every_base_list_reads(items):
    md.save_partner(md.PartnerData("customer", "C1", "客户一"))
    md.save_partner(md.PartnerData("supplier", "S1", "供应商一"))
    md.save_warehouse(md.WarehouseData("WH", "主仓库"))
    md.save_department(md.DepartmentData("D1", "销售部"))
    md.save_staff(md.StaffData("E1", "张三", "D1"))
    for name in listing.LISTS:
        n = listing.count(name)
        rows = listing.page(name, 0, 50)
        assert len(rows) == min(n, 50), name
    assert listing.page("customers", 0, 5)[0]["code"] == "C1"
    assert listing.count("suppliers") == 1
    assert listing.page("staff", 0, 1)[0]["department"] == "销售部"
    assert listing.page("currencies", 0, 1, "code")[0]["id"] == "CNY"
    assert listing.count("categories") == 3


def test_labels_follow_language(items):
    col = listing.get_spec("items").column("item_type")
    assert col.label == "类型" and col.display("material") == "原材料"
    set_language("en")
    assert col.label == "Type" and col.display("material") == "Raw material"
    with pytest.raises(JxcError):
        listing.get_spec("nothing")
