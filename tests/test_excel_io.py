"""Excel/CSV interchange: templates, exact numbers, all-or-nothing imports, round trips."""

from decimal import Decimal

import pytest
from openpyxl import load_workbook

from jxc_desktop.engine import excel_io
from jxc_desktop.engine import masterdata as md
from jxc_desktop.engine.errors import ValidationError
from jxc_desktop.engine.excel_sheets import ITEMS
from jxc_desktop.models.masterdata import (
    Item,
    ItemBarcode,
    ItemCategory,
    ItemUnit,
    Location,
    Partner,
    Warehouse,
)

WATER = {
    "商品编码": "A001",
    "商品名称": "矿泉水",
    "规格型号": "550ml",
    "分类": "饮料/瓶装水",
    "类型": "商品",
    "基本单位": "瓶",
    "条码": "6901234567892",
    "税率": 13,
    "计价方法": "先进先出",
    "批次管理": "是",
    "保质期天数": 365,
    "安全库存": 10,
    "最高库存": "500",
    "采购价": 1.2,
    "销售价": "2.50",
    "物料来源": "采购",
    "提前期天数": 3,
    "批量规则": "最小批量",
    "批量": None,
    "最小订货量": 48,
    "采购单位": "箱",
    "采购单位换算": None,
    "辅助单位": "箱,包",
    "换算率": "24,6",
    "辅助单位条码": "16901234567899,",
}


def fill(template, rows: list[dict], headers: list[str] | None = None):
    """Writes rows under the template's header (or a custom header) and saves."""
    wb = load_workbook(template)
    ws = wb.worksheets[0]
    if headers is not None:
        ws.delete_rows(1)
        ws.append(headers)
    header = [c.value for c in ws[1]]
    for row in rows:
        ws.append([row.get(h) for h in header])
    wb.save(template)
    return template


def sheet_rows(path) -> list[tuple]:
    ws = load_workbook(path, read_only=True).worksheets[0]
    return [tuple(r) for r in ws.iter_rows(values_only=True)]


def problems_of(kind, path, **kw):
    with pytest.raises(ValidationError) as info:
        excel_io.import_file(kind, path, **kw)
    return [(p.row, p.column) for p in info.value.problems], info.value.problems


def test_template_has_headers_choices_and_instructions(company, tmp_path):
    path = excel_io.write_template("items", tmp_path / "items.xlsx")
    wb = load_workbook(path)
    assert [c.value for c in wb.worksheets[0][1]] == ITEMS.headers
    assert wb.sheetnames[1] == "填写说明"
    lists = [dv.formula1 for dv in wb.worksheets[0].data_validations.dataValidation]
    assert '"移动加权平均,先进先出,月末一次加权平均,个别计价"' in lists
    for kind in ("customers", "suppliers", "warehouses"):
        excel_io.write_template(kind, tmp_path / f"{kind}.xlsx")


def test_items_round_trip_template_import_export(company, tmp_path):
    template = excel_io.write_template("items", tmp_path / "items.xlsx")
    cola = {"商品编码": "A002", "商品名称": "可乐", "基本单位": "瓶", "税率": "13", "销售价": 0.1}
    fill(template, [WATER, cola])
    result = excel_io.import_file("items", template)
    assert (result.created, result.updated, result.categories_created) == (2, 0, 2)
    water = Item.get(Item.code == "A001")
    assert water.valuation_method == "fifo" and water.batch_managed and water.shelf_life_days == 365
    assert water.purchase_price == Decimal("1.2") and water.sale_price == Decimal("2.5")
    assert water.purchase_unit_factor == Decimal("24") and water.lot_rule == "minimum"
    assert water.category.name == "瓶装水" and water.category.parent.name == "饮料"
    assert ItemUnit.select().where(ItemUnit.item == water).count() == 2
    box_code = ItemBarcode.get(ItemBarcode.barcode == "16901234567899")
    assert box_code.unit.name == "箱"
    assert Item.get(Item.code == "A002").sale_price == Decimal("0.1")  # numeric 0.1 cell, exact

    out = tmp_path / "export.xlsx"
    assert excel_io.export_list("items", out) == 2
    rows = sheet_rows(out)
    assert list(rows[0]) == ITEMS.headers
    exported = dict(zip(rows[0], rows[1], strict=True))
    assert exported["分类"] == "饮料/瓶装水" and exported["辅助单位"] == "箱,包"
    assert exported["辅助单位条码"] == "16901234567899,"
    assert Decimal(repr(exported["采购价"])) == Decimal("1.2")

    # the export imports again, as updates, changing nothing
    before = md.item_data(water.id)
    assert excel_io.import_file("items", out, update=True).updated == 2
    assert md.item_data(water.id) == before


def test_every_bad_row_reported_and_nothing_written(company, tmp_path):
    template = excel_io.write_template("items", tmp_path / "items.xlsx")
    rows = [
        dict(WATER),  # row 2: fine
        {
            **WATER,
            "商品编码": "A002",
            "条码": "6901234567891",
            "辅助单位条码": None,
        },  # 3: check digit
        {**WATER, "商品编码": "A001", "条码": None, "辅助单位条码": None},  # 4: duplicate of row 2
        {
            "商品编码": "A004",
            "商品名称": "螺丝",
            "基本单位": "斤",
            "税率": "1e5",
        },  # 5: two problems
        {
            "商品编码": "A005",
            "商品名称": "x",
            "基本单位": "个",
            "类型": "玩具",
            "批次管理": "也许",
        },  # 6
    ]
    fill(template, rows)
    where, problems = problems_of("items", template)
    assert (3, "条码") in where
    assert (4, "商品编码") in where
    assert (5, "基本单位") in where and (5, "税率") in where
    assert (6, "类型") in where and (6, "批次管理") in where
    assert not any(r == 2 for r, _ in where)
    assert Item.select().count() == 0 and ItemCategory.select().count() == 0
    report = excel_io.write_error_report(problems, tmp_path / "errors.xlsx")
    lines = sheet_rows(report)
    assert lines[0] == ("行号", "列", "错误原因") and len(lines) == len(problems) + 1


def test_existing_codes_refused_unless_update(company, tmp_path):
    template = excel_io.write_template("items", tmp_path / "items.xlsx")
    fill(template, [WATER])
    excel_io.import_file("items", template)
    where, _ = problems_of("items", template)
    assert where == [(2, "商品编码")]
    changed = tmp_path / "changed.xlsx"
    excel_io.write_template("items", changed)
    fill(changed, [{**WATER, "商品名称": "矿泉水大瓶"}])
    assert excel_io.import_file("items", changed, update=True).updated == 1
    assert Item.get(Item.code == "A001").name == "矿泉水大瓶"


def test_headers_must_be_exact(company, tmp_path):
    template = excel_io.write_template("items", tmp_path / "items.xlsx")
    fill(template, [{"商品编码": "A1"}], headers=["商品编码", "商品名", "颜色"])
    where, _ = problems_of("items", template)
    assert (1, "商品名") in where and (1, "颜色") in where
    assert (1, "商品名称") in where and (1, "基本单位") in where  # required, missing


def test_number_cells_exact_and_exponent_refused(company, tmp_path):
    template = excel_io.write_template("items", tmp_path / "items.xlsx")
    base = {"商品名称": "x", "基本单位": "个"}
    fill(
        template,
        [
            {**base, "商品编码": "N1", "销售价": 0.1, "采购价": 1234567.123456},
            {**base, "商品编码": "N2", "销售价": "1e5"},
            {**base, "商品编码": "N3", "销售价": 1e20},
            {**base, "商品编码": "N4", "销售价": "NaN"},
            {**base, "商品编码": "N5", "销售价": "0.1234567"},
        ],
    )
    where, _ = problems_of("items", template)
    assert where == [(3, "销售价"), (4, "销售价"), (5, "销售价"), (6, "销售价")]
    fill(
        excel_io.write_template("items", tmp_path / "ok.xlsx"),
        [{**base, "商品编码": "N1", "销售价": 0.1, "采购价": 1234567.123456}],
    )
    excel_io.import_file("items", tmp_path / "ok.xlsx")
    item = Item.get(Item.code == "N1")
    assert item.sale_price == Decimal("0.1") and item.purchase_price == Decimal("1234567.123456")


def test_csv_import(company, tmp_path):
    path = tmp_path / "items.csv"
    path.write_text(
        "\ufeff商品编码,商品名称,基本单位,销售价,条码\nC1,螺丝,个,0.35,6901234567892\nC2,螺母,个,1234.50,\n",
        encoding="utf-8",
    )
    assert excel_io.import_file("items", path).created == 2
    assert Item.get(Item.code == "C2").sale_price == Decimal("1234.5")
    # DOMAIN: number cells are plain decimals; a thousands separator is refused
    commas = tmp_path / "commas.csv"
    commas.write_text(
        '商品编码,商品名称,基本单位,销售价\nC9,垫片,个,"1,234.50"\n', encoding="utf-8"
    )
    assert problems_of("items", commas)[0] == [(2, "销售价")]
    # Excel on Chinese Windows saves CSV as GBK: read it too
    gbk = tmp_path / "gbk.csv"
    gbk.write_bytes("商品编码,商品名称,基本单位\nG1,弹簧,个\n".encode("gbk"))
    assert excel_io.import_file("items", gbk).created == 1
    assert Item.get(Item.code == "G1").name == "弹簧"
    bad = tmp_path / "bad.csv"
    bad.write_text("商品编码,商品名称,基本单位\nC3,,个\n", encoding="utf-8")
    where, _ = problems_of("items", bad)
    assert where == [(2, "商品名称")]


def test_partners_import_export(company, tmp_path):
    template = excel_io.write_template("customers", tmp_path / "c.xlsx")
    ok = {
        "编码": "C001",
        "名称": "华联超市",
        "电话": 13800000000,
        "税号": "91350100M000100Y43",
        "信用额度": 50000.5,
    }
    fill(template, [ok, {"编码": "C002", "名称": "好又多", "付款期限天数": 30}])
    assert excel_io.import_file("customers", template).created == 2
    c1 = Partner.get(Partner.code == "C001")
    assert (
        c1.kind == "customer"
        and c1.phone == "13800000000"
        and c1.credit_limit == Decimal("50000.50")
    )
    out = tmp_path / "out.xlsx"
    excel_io.export_list("customers", out)
    assert sheet_rows(out)[1][:2] == ("C001", "华联超市")
    bad = excel_io.write_template("suppliers", tmp_path / "s.xlsx")
    fill(
        bad,
        [
            {"编码": "S1", "名称": "x", "税号": "123"},
            {"编码": "S1", "名称": "y", "信用额度": "abc"},
        ],
    )
    where, _ = problems_of("suppliers", bad)
    assert where == [(2, "税号"), (3, "编码"), (3, "信用额度")]
    assert Partner.select().where(Partner.kind == "supplier").count() == 0


def test_warehouses_import_with_locations(company, tmp_path):
    template = excel_io.write_template("warehouses", tmp_path / "w.xlsx")
    rows = [
        {"仓库编码": "WH1", "仓库名称": "主仓库", "库位编码": "A-01", "库位名称": "A区1"},
        {"仓库编码": "WH1", "仓库名称": "主仓库", "库位编码": "A-02"},
        {"仓库编码": "WH2", "仓库名称": "待检仓", "待检仓": "是"},
    ]
    fill(template, rows)
    assert excel_io.import_file("warehouses", template).created == 2
    assert Location.select().count() == 2 and Warehouse.get(Warehouse.code == "WH2").is_quarantine
    out = tmp_path / "out.xlsx"
    assert excel_io.export_list("warehouses", out) == 3
    where, _ = problems_of("warehouses", template)
    assert where == [(2, "仓库编码"), (4, "仓库编码")]


def test_generic_list_export(company, tmp_path):
    md.save_unit("托")
    out = tmp_path / "units.xlsx"
    n = excel_io.export_list("units", out)
    rows = sheet_rows(out)
    assert rows[0] == ("单位", "启用") and len(rows) == n + 1
    assert ("托", "是") in rows


def test_export_streams_in_chunks(company, tmp_path):
    """More rows than one export chunk: every row once, in code order."""
    from jxc_desktop.models.db import bulk_insert, write_transaction
    from jxc_desktop.models.masterdata import Unit

    unit = Unit.get(Unit.name == "个").id
    with write_transaction():
        bulk_insert(
            "item",
            ["code", "name", "spec", "item_type", "base_unit_id", "tax_rate", "purchase_price"]
            + ["sale_price", "valuation_method", "batch_managed", "serial_managed"]
            + ["safety_stock", "max_stock", "source", "lead_time_days", "lot_rule", "lot_size"]
            + ["min_order_qty", "active", "created_at"],
            [
                (f"K{n:05d}", f"商品{n}", "", "goods", unit, 130000, n, 0, "moving_average")
                + (False, False, 0, 0, "purchase", 0, "lot_for_lot", 0, 0, True)
                + ("2026-01-01 00:00:00",)
                for n in range(4500, 0, -1)
            ],
        )
    out = tmp_path / "items.xlsx"
    assert excel_io.export_list("items", out) == 4500
    rows = sheet_rows(out)[1:]
    assert [r[0] for r in rows] == [f"K{n:05d}" for n in range(1, 4501)]
    assert Decimal(repr(rows[-1][13])) == Decimal("0.0045")  # 采购价 4500 millionths
    listed = tmp_path / "list.xlsx"
    assert excel_io.export_list("categories", listed) == 0


def _many_items(path, n):
    rows = [{"商品编码": f"P{i:05d}", "商品名称": f"商品{i}", "基本单位": "个"} for i in range(n)]
    return fill(excel_io.write_template("items", path), rows)


def test_progress_and_cancel_write_nothing(company, tmp_path):
    from jxc_desktop.engine.errors import JxcError

    path = _many_items(tmp_path / "many.xlsx", 2500)
    seen = []
    with pytest.raises(JxcError, match="取消"):
        excel_io.import_file(
            "items",
            path,
            progress=lambda d, t: seen.append((d, t)),
            should_stop=lambda: len(seen) >= 2,
        )
    assert seen == [(1000, 2500), (2000, 2500)]
    assert Item.select().count() == 0
    assert excel_io.import_file("items", path).created == 2500


def test_crash_part_way_leaves_nothing(company, tmp_path, monkeypatch):
    """A failure after the items are inserted (here: writing barcodes) rolls all back."""
    from jxc_desktop.engine import excel_items

    template = excel_io.write_template("items", tmp_path / "items.xlsx")
    fill(template, [WATER])
    real = excel_items.bulk_insert

    def failing(table, columns, rows):
        if table == "item_barcode":
            raise RuntimeError("disk full")
        return real(table, columns, rows)

    monkeypatch.setattr(excel_items, "bulk_insert", failing)
    with pytest.raises(RuntimeError):
        excel_io.import_file("items", template)
    assert Item.select().count() == 0 and ItemCategory.select().count() == 0


def test_unsupported_file_and_missing_file(company, tmp_path):
    from jxc_desktop.engine.errors import JxcError

    (tmp_path / "x.xls").write_bytes(b"old")
    with pytest.raises(JxcError, match="xlsx"):
        excel_io.import_file("items", tmp_path / "x.xls")
    with pytest.raises(JxcError):
        excel_io.import_file("items", tmp_path / "none.xlsx")
    with pytest.raises(JxcError):
        excel_io.import_file("boms", tmp_path / "none.xlsx")


def test_update_cannot_change_base_unit_of_used_item(company, tmp_path):
    import datetime as dt

    from jxc_desktop.models.documents import Document, DocumentLine

    template = excel_io.write_template("items", tmp_path / "items.xlsx")
    fill(template, [WATER])
    excel_io.import_file("items", template)
    item = Item.get(Item.code == "A001")
    doc = Document.create(doc_type="QTRK", number="QTRK20260101-0001", date=dt.date(2026, 1, 1))
    DocumentLine.create(document=doc, line_no=1, item=item, unit=item.base_unit)
    changed = fill(
        excel_io.write_template("items", tmp_path / "c.xlsx"), [{**WATER, "基本单位": "个"}]
    )
    where, _ = problems_of("items", changed, update=True)
    assert where == [(2, "基本单位"), (2, "辅助单位")]  # and 瓶, used on a line, would vanish
    assert Item.get_by_id(item.id).base_unit.name == "瓶"
