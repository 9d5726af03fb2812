"""MRP: a textbook multi-level plan, netted by low-level code, lots, lead times, pegging."""

import datetime as dt
from decimal import Decimal

import pytest
from inventory_helpers import doc, make_warehouse
from production_helpers import add_unit, bom, cli_json, item

from jxc_desktop.engine import documents
from jxc_desktop.engine.documents import DocumentInput, LineInput
from jxc_desktop.engine.production.mrp import run_mrp
from jxc_desktop.models.documents import Document
from jxc_desktop.models.masterdata import Item, Partner, Unit

D = dt.date


def order(doc_type, date, partner, lines, external=None):
    data = DocumentInput(
        doc_type,
        date,
        [LineInput(item=c, qty=str(q), due_date=due) for c, q, due in lines],
        partner=partner,
        external_number=external,
    )
    d = documents.save_draft(data)
    documents.approve(d.id)
    return d


@pytest.fixture
def plant(company):
    make_warehouse("W1")
    Partner.create(kind="customer", code="K1", name="客户")
    Partner.create(kind="supplier", code="S1", name="供应商")
    item("A", "make", 7)
    item("B", "make", 7, lot_rule="fixed", lot_size=Decimal(50))
    c = item("C", "purchase", 14, lot_rule="minimum", lot_size=Decimal(100))
    box = add_unit(c, "箱", Decimal(12))
    Item.update(purchase_unit=box, purchase_unit_factor=Decimal(12)).where(
        Item.id == c.id
    ).execute()
    bom("A", ("B", 2), ("C", 1))
    bom("B", ("C", 3))
    doc("QCKC", D(2026, 1, 1), [("A", 10, 1), ("B", 20, 1), ("C", 50, 1)])
    order("XSDD", D(2026, 1, 2), "K1", [("A", 40, D(2026, 1, 29))], "SO-1")
    order("XSDD", D(2026, 1, 2), "K1", [("A", 30, D(2026, 2, 12))], "SO-2")
    order("CGDD", D(2026, 1, 2), "S1", [("C", 30, D(2026, 1, 8))])
    return company


def so(n):
    return Document.get(Document.external_number == f"SO-{n}").number


def test_textbook_plan(plant):
    got = [
        (o.item.code, o.kind, o.qty, o.release_date, o.due_date)
        for o in run_mrp(D(2026, 1, 1)).orders
    ]
    assert got == [
        ("A", "production", Decimal(30), D(2026, 1, 22), D(2026, 1, 29)),
        ("A", "production", Decimal(30), D(2026, 2, 5), D(2026, 2, 12)),
        ("B", "production", Decimal(50), D(2026, 1, 15), D(2026, 1, 22)),  # fixed lot 50
        ("B", "production", Decimal(50), D(2026, 1, 29), D(2026, 2, 5)),
        ("C", "purchase", Decimal(100), D(2026, 1, 1), D(2026, 1, 15)),  # minimum 100
        ("C", "purchase", Decimal(150), D(2026, 1, 15), D(2026, 1, 29)),
        ("C", "purchase", Decimal(100), D(2026, 1, 22), D(2026, 2, 5)),
    ]


def test_pegging_and_purchase_units(plant):
    orders = run_mrp(D(2026, 1, 1)).orders
    b1 = orders[2]
    assert [(p["number"], p["item"], p["qty"]) for p in b1.pegging] == [
        (so(1), "A", Decimal(40)),
        (so(2), "A", Decimal(10)),
    ]
    c1 = orders[4]
    assert (c1.purchase_qty, c1.purchase_unit) == (Decimal(9), "箱")  # 100 / 12 rounded up
    # 70 short on 15 Jan (40 for SO-1 via B, 30 for SO-2 via B), the rest of the lot
    # covers A's own need for SO-1 on 22 Jan
    assert [(p["number"], p["item"], p["qty"]) for p in c1.pegging] == [
        (so(1), "A", Decimal(40)),
        (so(2), "A", Decimal(30)),
        (so(1), "A", Decimal(30)),
    ]


def test_warehouse_filter_and_safety_stock(plant):
    make_warehouse("W2")
    Item.update(safety_stock=Decimal(5)).where(Item.code == "A").execute()
    orders = run_mrp(D(2026, 1, 1), warehouses=["W2"]).orders
    a = [(o.qty, o.due_date) for o in orders if o.item.code == "A"]
    # nothing on hand in W2: 5 safety stock on day one, then 40 and 30
    assert a == [
        (Decimal(5), D(2026, 1, 1)),
        (Decimal(40), D(2026, 1, 29)),
        (Decimal(30), D(2026, 2, 12)),
    ]


def test_mrp_record_by_week(plant, capsys):
    rows = cli_json(
        capsys,
        plant,
        "report",
        "mrp-record",
        "--item",
        "C",
        "--bucket",
        "week",
        "--from",
        "2026-01-01",
        "--to",
        "2026-02-08",
        "--format",
        "json",
    )
    table = [
        (
            r["period_start"],
            r["gross"],
            r["scheduled_receipts"],
            r["projected_on_hand"],
            r["net"],
            r["planned_receipts"],
            r["planned_releases"],
        )
        for r in rows
    ]
    z = "0.0000"
    assert table == [
        ("2025-12-29", z, z, "50.0000", z, z, "100.0000"),
        ("2026-01-05", z, "30.0000", "80.0000", z, z, z),
        ("2026-01-12", "150.0000", z, "30.0000", "70.0000", "100.0000", "150.0000"),
        ("2026-01-19", "30.0000", z, "0.0000", z, z, "100.0000"),
        ("2026-01-26", "150.0000", z, "0.0000", "150.0000", "150.0000", z),
        ("2026-02-02", "30.0000", z, "70.0000", "30.0000", "100.0000", z),
    ]


def test_cli_run_json_keys_and_firm(plant, capsys):
    rows = cli_json(capsys, plant, "mrp", "run", "--from", "2026-01-01", "--format", "json")
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
    assert rows[0]["pegging"] == [
        {"number": so(1), "item": "A", "date": "2026-01-29", "qty": "30.0000"}
    ]
    from jxc_desktop.cli import main

    assert main(["--db", str(plant), "mrp", "firm", "--from", "2026-01-01"]) == 0
    assert Document.select().where(Document.doc_type == "SCDD").count() == 4
    cgsq = Document.select().where(Document.doc_type == "CGSQ")
    assert cgsq.count() == 3 and all(d.status == "approved" for d in cgsq)
    assert Unit.get(Unit.name == "箱")
    # firmed orders are scheduled receipts now: nothing new is proposed
    assert cli_json(capsys, plant, "mrp", "run", "--from", "2026-01-01", "--format", "json") == []


def test_without_a_start_dates_stay_as_given(plant):
    def key(orders):
        return [(o.item.code, o.qty, o.release_date, o.due_date) for o in orders]

    assert key(run_mrp().orders) == key(run_mrp(D(2026, 1, 1)).orders)


def test_action_messages_for_open_orders(plant, capsys):
    cgdd_c = Document.get(Document.doc_type == "CGDD").number
    late_b = order("CGDD", D(2026, 1, 2), "S1", [("B", 50, D(2026, 2, 20))]).number
    item("Z")
    spare_z = order("CGDD", D(2026, 1, 2), "S1", [("Z", 5, D(2026, 3, 30))]).number
    rows = cli_json(
        capsys, plant, "report", "mrp-actions", "--from", "2026-01-01", "--format", "json"
    )
    got = {(r["action_code"], r["action"], r["number"], r["item"], r["new_date"]) for r in rows}
    assert got == {
        ("defer", "推迟", cgdd_c, "C", "2026-01-15"),  # first needed on 15 Jan, due 8 Jan
        ("expedite", "提前", late_b, "B", "2026-01-22"),  # B runs short on 22 Jan
        ("cancel", "取消", spare_z, "Z", ""),  # nothing needs it
    }
    english = cli_json(
        capsys,
        plant,
        "--lang",
        "en",
        "report",
        "mrp-actions",
        "--from",
        "2026-01-01",
        "--format",
        "json",
    )
    assert {r["action"] for r in english} == {"Defer", "Expedite", "Cancel"}


def test_items_sheet_planning_fields_drive_mrp(company, tmp_path, capsys):
    from production_helpers import write_csv

    from jxc_desktop.cli import main

    make_warehouse("W1")
    Partner.create(kind="customer", code="K1", name="客户")
    sheet = write_csv(
        tmp_path / "items.csv",
        [
            "商品编码",
            "商品名称",
            "基本单位",
            "物料来源",
            "提前期天数",
            "批量规则",
            "批量",
            "最小订货量",
            "采购单位",
            "采购单位换算",
        ],
        [
            ("RM", "原料", "个", "采购", "5", "固定批量", "40", "", "箱", "12"),
            ("FG", "成品", "个", "自制", "2", "按需", "", "", "", ""),
        ],
    )
    assert main(["--db", str(company), "import", "items", str(sheet)]) == 0, capsys.readouterr().err
    rm = Item.get(Item.code == "RM")
    assert (rm.source, rm.lead_time_days, rm.lot_rule, rm.lot_size) == ("purchase", 5, "fixed", 40)
    assert (rm.purchase_unit.name, rm.purchase_unit_factor) == ("箱", 12)
    bom("FG", ("RM", 3))
    order("XSDD", D(2026, 1, 2), "K1", [("FG", 10, D(2026, 1, 20))])
    rows = cli_json(capsys, company, "mrp", "run", "--from", "2026-01-01", "--format", "json")
    got = [
        (r["item"], r["kind"], r["qty"], r["purchase_qty"], r["purchase_unit"], r["release_date"])
        for r in rows
    ]
    assert got == [
        ("FG", "production", "10.0000", "10.0000", "个", "2026-01-18"),
        ("RM", "purchase", "40.0000", "4.0000", "箱", "2026-01-13"),  # 30 → lot 40 → 40/12 ↑ 4
    ]


def test_deliveries_returns_and_invoices_count_as_trade_counts_them(plant):
    so1 = Document.get(Document.external_number == "SO-1")
    line = so1.lines[0]
    delivery = documents.save_draft(
        DocumentInput(
            "XSCK",
            D(2026, 1, 3),
            [LineInput(item="A", qty="5", source_line=line)],
            partner="K1",
            warehouse="W1",
        )
    )
    documents.approve(delivery.id)
    a = [o.qty for o in run_mrp(D(2026, 1, 1)).orders if o.item.code == "A"]
    # SO-1 40 − 5 delivered = 35 against the 5 left of 10 on hand → 30; SO-2 30
    assert a == [Decimal(30), Decimal(30)]


def test_firm_refuses_unknown_items_and_prices_requisitions(company):
    import pytest

    from jxc_desktop.engine.errors import JxcError
    from jxc_desktop.engine.production.mrp_firm import firm

    with pytest.raises(JxcError) as info:
        firm(["NO-SUCH-ITEM"])
    assert "NO-SUCH-ITEM" in str(info.value)


def test_cli_without_from_starts_today_like_the_gui(plant, capsys):
    """Past-due demand moves to the horizon start: today, as in the 生产 tab."""
    today = dt.date.today().isoformat()
    rows = cli_json(capsys, plant, "mrp", "run", "--format", "json")
    assert rows and min(r["due_date"] for r in rows) >= today
    assert cli_json(capsys, plant, "report", "mrp-plan", "--format", "json")[0]["due_date"] >= today


def test_purchase_units_show_both_quantities(plant, capsys):
    rows = cli_json(capsys, plant, "mrp", "run", "--from", "2026-01-01", "--format", "json")
    boxed = [r for r in rows if r["purchase_unit"] == "箱"]
    assert boxed
    for r in boxed:
        assert r["unit"] == "个"
        assert Decimal(r["order_qty"]) == Decimal(r["purchase_qty"]) * 12 >= Decimal(r["qty"])


def test_safety_stock_part_of_an_order(plant):
    """A planned order says how much of it tops up safety stock (no document asked)."""
    make_warehouse("W2")
    Item.update(safety_stock=Decimal(5)).where(Item.code == "A").execute()
    orders = [o for o in run_mrp(D(2026, 1, 1), warehouses=["W2"]).orders if o.item.code == "A"]
    assert [(o.qty, o.safety, o.pegging) for o in orders[:1]] == [(Decimal(5), Decimal(5), [])]
    assert [o.safety for o in orders[1:]] == [Decimal(0), Decimal(0)]
    # in W1 the 10 on hand cover the safety stock: no order carries any
    assert all(o.safety == 0 for o in run_mrp(D(2026, 1, 1)).orders if o.item.code == "A")
