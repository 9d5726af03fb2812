"""固定周期 (period order quantity): textbook tables of planned orders over daily demand.

The item P is bought; its demand comes from one sales order with a line per day.
Each table was worked out by hand, the way a planner fills in an MRP record:
available = on hand − safety stock, receipts usable on their due day, and an order
due on the first short day covering that day's shortfall plus the net requirements
of the following period − 1 days (netted with their receipts), then 最小订货量 / 批量.
"""

import datetime as dt
from decimal import Decimal

import pytest
from inventory_helpers import doc, make_warehouse
from production_helpers import bom, cli_json, item, write_csv

from jxc_desktop.engine import documents
from jxc_desktop.engine import masterdata as md
from jxc_desktop.engine.documents import DocumentInput, LineInput
from jxc_desktop.engine.errors import ValidationError
from jxc_desktop.engine.production.mrp import run_mrp
from jxc_desktop.engine.production.mrp_orders import lot_units
from jxc_desktop.models.documents import Document
from jxc_desktop.models.masterdata import Item, Partner

D = dt.date
DAILY = {
    d: q
    for d, q in enumerate([8, 0, 12, 6, 10, 0, 0, 15, 5, 10, 10, 0, 20, 4, 6, 9, 0, 11, 7, 3], 1)
}


def sales_order(code, per_day: dict[int, int], month=2):
    lines = [
        LineInput(item=code, qty=str(q), due_date=D(2026, month, day))
        for day, q in per_day.items()
        if q
    ]
    so = documents.save_draft(DocumentInput("XSDD", D(2026, 2, 2), lines, partner="K1"))
    documents.approve(so.id)
    return so.number


def receipt(code, qty, due):
    line = LineInput(item=code, qty=str(qty), due_date=due)
    po = documents.save_draft(DocumentInput("CGDD", D(2026, 2, 2), [line], partner="S1"))
    documents.approve(po.id)
    return po.number


@pytest.fixture
def shop(company):
    make_warehouse("W1")
    Partner.create(kind="customer", code="K1", name="客户")
    Partner.create(kind="supplier", code="S1", name="供应商")
    return company


def planned(code="P", start=D(2026, 2, 1)):
    return [
        (o.qty, o.release_date, o.due_date, o.net)
        for o in run_mrp(start).orders
        if o.item.code == code
    ]


def test_period_7_over_steady_daily_demand(shop):
    """10 a day for three weeks, nothing on hand: one order a week for the week."""
    item("P", lot_rule="period", lot_period_days=7)
    sales_order("P", {d: 10 for d in range(1, 22)})
    assert planned() == [
        (Decimal(70), D(2026, 2, 1), D(2026, 2, 1), Decimal(70)),
        (Decimal(70), D(2026, 2, 8), D(2026, 2, 8), Decimal(70)),
        (Decimal(70), D(2026, 2, 15), D(2026, 2, 15), Decimal(70)),
    ]
    # lot-for-lot would have made 21 orders of 10
    Item.update(lot_rule="lot_for_lot").execute()
    assert len(planned()) == 21


def test_textbook_table_on_hand_safety_receipt_lead_time(shop):
    """On hand 25, safety stock 5 (20 available), a purchase order of 30 due 9 Feb,
    lead time 2 days, period 7.

    day        1   3   4   5   8   9  10  11  13  14  15  16  18  19  20
    gross      8  12   6  10  15   5  10  10  20   4   6   9  11   7   3
    receipts                      30
    available 12   0  -6 ...
    4 Feb short 6; 5–10 Feb net of the receipt fall to −25 on the 8th → order 31
    available after it: 25 15 0 25 15 5, short 15 on 13 Feb; 14–19 Feb fall to −37
    → order 52; its leftover runs out on the 19th, 20 Feb short 3 → order 3."""
    item("P", lead=2, safety_stock=Decimal(5), lot_rule="period", lot_period_days=7)
    doc("QCKC", D(2026, 2, 1), [("P", 25, 1)])
    sales_order("P", DAILY)
    po = receipt("P", 30, D(2026, 2, 9))
    assert planned() == [
        (Decimal(31), D(2026, 2, 2), D(2026, 2, 4), Decimal(31)),
        (Decimal(52), D(2026, 2, 11), D(2026, 2, 13), Decimal(52)),
        (Decimal(3), D(2026, 2, 18), D(2026, 2, 20), Decimal(3)),
    ]
    # short on 4 Feb before the purchase order is due on the 9th, but the order is
    # first drawn on on its due date (the shortage has its planned order): no message
    assert [a for a in run_mrp(D(2026, 2, 1)).actions if a.number == po] == []


def test_textbook_table_with_minimum_order_quantity(shop):
    """The same with 最小订货量 50: the period's net is 31 → 50; the 19 over carry the
    plan to 15 Feb (short 6; 16–21 Feb fall to −30 → net 36 → 50)."""
    item(
        "P",
        lead=2,
        safety_stock=Decimal(5),
        lot_rule="period",
        lot_period_days=7,
        min_order_qty=Decimal(50),
    )
    doc("QCKC", D(2026, 2, 1), [("P", 25, 1)])
    number = sales_order("P", DAILY)
    po = receipt("P", 30, D(2026, 2, 9))
    result = run_mrp(D(2026, 2, 1))
    assert planned() == [
        (Decimal(50), D(2026, 2, 2), D(2026, 2, 4), Decimal(31)),
        (Decimal(50), D(2026, 2, 13), D(2026, 2, 15), Decimal(36)),
    ]
    actions = [(a.action, a.number, a.new_date) for a in result.actions]
    assert actions == [("expedite", po, D(2026, 2, 4))]  # short on 4 Feb, due on the 9th
    # first in, first out: the first order covers 4–10 Feb and 4 of the 11th
    first = result.orders[0]
    assert [(p["number"], p["date"].day, p["qty"]) for p in first.pegging] == [
        (number, 4, Decimal(6)),
        (number, 5, Decimal(10)),
        (number, 8, Decimal(15)),
        (number, 9, Decimal(5)),
        (number, 10, Decimal(10)),
        (number, 11, Decimal(4)),
    ]
    assert first.qty - first.net == Decimal(19)  # 批量取整 in the 追溯 panel


def test_safety_stock_shortfall_opens_the_first_period(shop):
    """Nothing on hand, safety stock 5: the top-up is needed on day one, and the first
    order covers it with the week's demand."""
    item("P", safety_stock=Decimal(5), lot_rule="period", lot_period_days=7)
    sales_order("P", {2: 4, 5: 6, 9: 3})
    orders = [o for o in run_mrp(D(2026, 2, 1)).orders]
    assert [(o.qty, o.due_date.day, o.safety) for o in orders] == [
        (Decimal(15), 1, Decimal(5)),
        (Decimal(3), 9, Decimal(0)),
    ]


def test_period_with_a_lot_multiple_and_components(shop):
    """批量 with 固定周期 is the order multiple; a made item's period order puts the
    whole period on its components on its release date."""
    item("FG", "make", 1, lot_rule="period", lot_period_days=7, lot_size=Decimal(12))
    item("RM", lot_rule="period", lot_period_days=14)
    bom("FG", ("RM", 2))
    sales_order("FG", {d: 5 for d in range(1, 15)})
    result = run_mrp(D(2026, 2, 1))
    got = [(o.item.code, o.qty, o.release_date.day, o.due_date.day) for o in result.orders]
    # FG: 35 → 36 (3 × 12) due 1 Feb; the 1 over and 34 more for 8–14 Feb → 36 due 8 Feb
    # RM: 72 on 1 Feb (FG's release on 31 Jan is past due: moved to the horizon start)
    # and 72 on 7 Feb, both in one 14-day order
    assert got == [
        ("FG", Decimal(36), 31, 1),
        ("FG", Decimal(36), 7, 8),
        ("RM", Decimal(144), 1, 1),
    ]


@pytest.mark.parametrize(
    ("rule", "lot", "minimum", "net", "expected"),
    [
        ("lot_for_lot", 0, 0, 31, 31),
        ("lot_for_lot", 0, 50, 31, 50),
        ("fixed", 20, 0, 31, 40),
        ("fixed", 20, 50, 31, 60),  # the minimum, then whole lots
        ("minimum", 20, 0, 31, 31),
        ("minimum", 40, 0, 31, 40),
        ("period", 0, 0, 31, 31),
        ("period", 12, 0, 31, 36),
        ("period", 12, 50, 31, 60),
        ("period", 0, 50, 52, 52),
    ],
)
def test_lot_rules_table(rule, lot, minimum, net, expected):
    assert lot_units(rule, lot, minimum, net) == expected


def test_items_sheet_and_validation(shop, tmp_path, capsys):
    from jxc_desktop.cli import main
    from jxc_desktop.engine import excel_io
    from jxc_desktop.engine.excel_sheets import ITEMS

    assert "批量周期天数" in ITEMS.headers and "批量规则" in ITEMS.headers
    sheet = write_csv(
        tmp_path / "items.csv",
        ["商品编码", "商品名称", "基本单位", "批量规则", "批量周期天数", "最小订货量"],
        [("W7", "周批", "个", "固定周期", "7", "50"), ("L1", "按需", "个", "按需", "", "")],
    )
    assert main(["--db", str(shop), "import", "items", str(sheet)]) == 0, capsys.readouterr().err
    w7 = Item.get(Item.code == "W7")
    assert (w7.lot_rule, w7.lot_period_days, w7.min_order_qty) == ("period", 7, 50)
    assert Item.get(Item.code == "L1").lot_period_days == 0
    out = tmp_path / "export.xlsx"
    excel_io.export_list("items", out)
    from openpyxl import load_workbook

    rows = list(load_workbook(out, read_only=True).worksheets[0].iter_rows(values_only=True))
    exported = {r[0]: dict(zip(rows[0], r, strict=False)) for r in rows[1:]}
    assert (exported["W7"]["批量规则"], exported["W7"]["批量周期天数"]) == ("固定周期", 7)
    assert exported["L1"]["批量周期天数"] is None
    # a period rule without its days is refused, with the field named
    data = md.item_data(w7.id)
    data.lot_period_days = 0
    with pytest.raises(ValidationError) as info:
        md.save_item(data, w7.id)
    assert [p.field for p in info.value.problems] == ["lot_period_days"]


def test_cli_json_shape_unchanged(shop, capsys):
    item("P", lot_rule="period", lot_period_days=7)
    sales_order("P", {d: 10 for d in range(1, 8)})
    rows = cli_json(capsys, shop, "mrp", "run", "--from", "2026-02-01", "--format", "json")
    assert len(rows) == 1 and rows[0]["qty"] == "70.0000"
    assert set(rows[0]) == {
        "item",
        "kind",
        "qty",
        "unit",
        "purchase_qty",
        "purchase_unit",
        "order_qty",
        "release_date",
        "due_date",
        "pegging",
    }
    assert len(rows[0]["pegging"]) == 7
    assert Document.select().where(Document.doc_type == "XSDD").count() == 1


def test_mrp_record_of_a_period_item_by_week(shop, capsys):
    """The minimum-quantity table by week (weeks start on Monday; 1 Feb is a Sunday):
    净需求 is each order's period net (31, 36), 计划订单入库 the 50s."""
    item(
        "P",
        lead=2,
        safety_stock=Decimal(5),
        lot_rule="period",
        lot_period_days=7,
        min_order_qty=Decimal(50),
    )
    doc("QCKC", D(2026, 1, 1), [("P", 25, 1)])
    sales_order("P", DAILY)
    receipt("P", 30, D(2026, 2, 9))
    args = ["report", "mrp-record", "--item", "P", "--bucket", "week"]
    args += ["--from", "2026-02-01", "--to", "2026-02-22", "--format", "json"]
    rows = cli_json(capsys, shop, *args)
    keys = ["gross", "scheduled_receipts", "projected_on_hand", "net"]
    keys += ["planned_receipts", "planned_releases"]
    table = [(r["period_start"], *(Decimal(r[k]) for k in keys)) for r in rows]
    assert table == [
        ("2026-01-26", 8, 0, 17, 0, 0, 0),
        ("2026-02-02", 43, 0, 24, 31, 50, 50),
        ("2026-02-09", 55, 30, 49, 36, 50, 50),
        ("2026-02-16", 30, 0, 19, 0, 0, 0),
    ]
