"""Firming is stable: open orders keep their components in the plan (allocations).

The textbook test: plan → firm the top level → run again → the components' planned
orders are unchanged and no action message appears; issue part of the materials →
run again → only the unissued part is demanded.
"""

import datetime as dt
from decimal import Decimal

import pytest
from inventory_helpers import doc, make_warehouse
from production_helpers import bom, item

from jxc_desktop.engine import documents
from jxc_desktop.engine.documents import DocumentInput, LineInput
from jxc_desktop.engine.errors import JxcError
from jxc_desktop.engine.production import workorders
from jxc_desktop.engine.production.mrp import run_mrp
from jxc_desktop.engine.production.mrp_allocations import allocations
from jxc_desktop.engine.production.mrp_firm import firm, order_key
from jxc_desktop.models.documents import Document
from jxc_desktop.models.masterdata import Item, Partner

D = dt.date
START = D(2026, 1, 1)


def approved(doc_type, date, lines, partner=None, warehouse="W1"):
    d = documents.save_draft(
        DocumentInput(doc_type, date, lines, partner=partner, warehouse=warehouse)
    )
    documents.approve(d.id)
    return d


@pytest.fixture
def chairs(company):
    """FG (made, 3 days) = SA (made, 2 days) + 2 RM1 (5% scrap); SA = 3 RM2."""
    make_warehouse("W1")
    Partner.create(kind="customer", code="K1", name="客户")
    item("FG", "make", 3)
    item("SA", "make", 2)
    item("RM1", "purchase", 5, lot_rule="fixed", lot_size=Decimal(50))
    item("RM2", "purchase", 4)
    bom("FG", ("SA", 1), ("RM1", 2, "", 5))
    bom("SA", ("RM2", 3))
    doc("QCKC", START, [("RM1", 30, 1)])
    lines = [
        LineInput(item="FG", qty="10", due_date=D(2026, 2, 10)),
        LineInput(item="FG", qty="15", due_date=D(2026, 2, 24)),
    ]
    approved("XSDD", START, lines, partner="K1", warehouse=None)
    return company


def plan(code=None):
    """(item, kind, qty, net, release, due) of every planned order (of one item)."""
    return [
        (o.item.code, o.kind, o.qty, o.net, o.release_date, o.due_date)
        for o in run_mrp(START).orders
        if code is None or o.item.code == code
    ]


def components(rows):
    return [r for r in rows if r[0] != "FG"]


def test_the_plan_before_firming(chairs):
    assert plan() == [
        ("FG", "production", 10, 10, D(2026, 2, 7), D(2026, 2, 10)),
        ("FG", "production", 15, 15, D(2026, 2, 21), D(2026, 2, 24)),
        # 21 on 7 Feb from the 30 on hand; 31.5 on 21 Feb: 22.5 short → a lot of 50
        ("RM1", "purchase", 50, Decimal("22.5"), D(2026, 2, 16), D(2026, 2, 21)),
        ("RM2", "purchase", 30, 30, D(2026, 2, 1), D(2026, 2, 5)),
        ("RM2", "purchase", 45, 45, D(2026, 2, 15), D(2026, 2, 19)),
        ("SA", "production", 10, 10, D(2026, 2, 5), D(2026, 2, 7)),
        ("SA", "production", 15, 15, D(2026, 2, 19), D(2026, 2, 21)),
    ]


def test_firming_the_top_level_leaves_the_components_unchanged(chairs):
    before = components(plan())
    numbers = firm(["FG"], START)
    assert [n[:4] for n in numbers] == ["SCDD", "SCDD"]
    result = run_mrp(START)
    assert components(plan()) == before
    assert [o for o in result.orders if o.item.code == "FG"] == []
    assert result.actions == []  # the firmed orders are needed exactly when due
    # the components' demand is now pegged to the work orders
    sa = [o for o in result.orders if o.item.code == "SA"]
    assert [[(p["number"], p["item"], p["qty"]) for p in o.pegging] for o in sa] == [
        [(numbers[0], "FG", Decimal(10))],
        [(numbers[1], "FG", Decimal(15))],
    ]


def test_firming_everything_then_nothing_is_proposed_or_cancelled(chairs):
    firm([], START)
    result = run_mrp(START)
    assert result.orders == []
    assert result.actions == []


def test_firming_level_by_level_is_stable(chairs):
    """The QA walk: firm the top, then a component's requisition, run again each time."""
    before = plan()
    firm(["FG"], START)
    firm(orders=[("RM2", "purchase", D(2026, 2, 5))], date_from=START)
    rows = plan()
    assert [r for r in rows if r[0] == "RM2"] == [
        ("RM2", "purchase", 45, 45, D(2026, 2, 15), D(2026, 2, 19))
    ]
    assert [r for r in rows if r[0] in ("SA", "RM1")] == [
        r for r in before if r[0] in ("SA", "RM1")
    ]
    assert run_mrp(START).actions == []


def test_issued_materials_are_no_longer_demanded(chairs):
    first, second = firm(["FG"], START)
    before = run_mrp(START).plans[Item.get(Item.code == "RM1").id]
    assert before.gross == [(D(2026, 2, 7), Decimal(21)), (D(2026, 2, 21), Decimal("31.5"))]
    # 8 of the first order's 21 RM1 go to the shop floor today
    issue = LineInput(item="RM1", qty="8", cost_object=first)
    approved("SCLL", D(2026, 1, 5), [issue])
    after = run_mrp(START)
    rm1 = after.plans[Item.get(Item.code == "RM1").id]
    assert rm1.on_hand == 22
    assert rm1.gross == [(D(2026, 2, 7), Decimal(13)), (D(2026, 2, 21), Decimal("31.5"))]
    assert components(plan()) == components(
        [
            ("RM1", "purchase", 50, Decimal("22.5"), D(2026, 2, 16), D(2026, 2, 21)),
            ("RM2", "purchase", 30, 30, D(2026, 2, 1), D(2026, 2, 5)),
            ("RM2", "purchase", 45, 45, D(2026, 2, 15), D(2026, 2, 19)),
            ("SA", "production", 10, 10, D(2026, 2, 5), D(2026, 2, 7)),
            ("SA", "production", 15, 15, D(2026, 2, 19), D(2026, 2, 21)),
        ]
    )
    # what comes back (退料 QTRK naming the order) is demanded again
    back = LineInput(item="RM1", qty="3", price="1", cost_object=first)
    approved("QTRK", D(2026, 1, 6), [back])
    rm1 = run_mrp(START).plans[Item.get(Item.code == "RM1").id]
    assert rm1.gross[0] == (D(2026, 2, 7), Decimal(16))
    assert second in {d.number for d in allocations(START, None)}


def test_a_closed_or_completed_work_order_needs_nothing(chairs):
    first, second = firm(["FG"], START)
    workorders.set_status(first, "closed")
    workorders.set_status(second, "completed")
    assert allocations(START, None) == []


def test_open_work_orders_agree_with_the_work_order_list(chairs):
    """The bulk read MRP uses gives the statuses and quantities workorders.view gives."""
    from jxc_desktop.engine.production.mrp_allocations import open_work_orders

    first, second = firm(["FG"], START)
    third = workorders.create_work_order("FG", "4", D(2026, 3, 1), date=D(2026, 1, 3))
    fourth = workorders.create_work_order("FG", "2", D(2026, 3, 1), date=D(2026, 1, 3))
    approved("SCLL", D(2026, 1, 5), [LineInput(item="RM1", qty="8", cost_object=first)])
    approved("CPRK", D(2026, 1, 6), [LineInput(item="FG", qty="3", cost_object=first)])
    approved("CPRK", D(2026, 1, 6), [LineInput(item="FG", qty="2", cost_object=fourth)])
    workorders.set_status(second, "closed")
    views = {v.number: v for v in workorders.work_orders()}
    assert {n: v.status for n, v in views.items()} == {
        first: "in_progress",
        second: "closed",
        third: "released",
        fourth: "completed",
    }
    got = open_work_orders()
    assert set(got) == {first, third}
    assert [(got[n].planned, got[n].completed) for n in (first, third)] == [
        (views[first].planned_qty, Decimal(3)),
        (Decimal(4), Decimal(0)),
    ]
    rm1 = Item.get(Item.code == "RM1").id
    assert got[first].issued == {rm1: Decimal(8)}


def test_allocations_by_start_date_and_horizon(chairs):
    first, second = firm(["FG"], START)
    got = {(d.number, d.item_code, d.date, d.qty) for d in allocations(D(2026, 2, 10), None)}
    fg_sa = Item.get(Item.code == "SA").id
    assert {(d.number, d.qty) for d in allocations(START, None) if d.item_id == fg_sa} == {
        (first, Decimal(10)),
        (second, Decimal(15)),
    }
    # a start before the horizon moves to its first day; the pegged date stays
    assert (first, "FG", D(2026, 2, 10), Decimal(21)) in got
    assert all(d.peg_date in (D(2026, 2, 7), D(2026, 2, 21)) for d in allocations(START, None))
    # --to drops orders starting later
    assert {d.number for d in allocations(START, D(2026, 2, 10))} == {first}


def test_firm_exactly_the_selected_orders(chairs):
    keys = [("FG", "production", D(2026, 2, 24)), ("RM2", "purchase", D(2026, 2, 5))]
    numbers = firm(orders=keys, date_from=START)
    assert len(numbers) == 2
    scdd = Document.get(Document.number == numbers[0])
    assert (scdd.doc_type, scdd.date, scdd.lines[0].qty) == ("SCDD", D(2026, 2, 21), 15)
    cgsq = Document.get(Document.number == numbers[1])
    assert [(x.item.code, x.qty, x.due_date) for x in cgsq.lines] == [("RM2", 30, D(2026, 2, 5))]
    left = {order_key(o) for o in run_mrp(START).orders}
    assert ("FG", "production", D(2026, 2, 10)) in left
    assert not set(keys) & left
    # the later order firmed alone: the earlier shortage is planned, nothing to expedite
    assert run_mrp(START).actions == []


def test_firm_refuses_a_key_no_longer_planned_and_writes_nothing(chairs):
    count = Document.select().count()
    with pytest.raises(JxcError) as info:
        firm(
            orders=[("FG", "production", D(2026, 2, 10)), ("FG", "production", D(2026, 3, 1))],
            date_from=START,
        )
    assert "2026-03-01" in str(info.value)
    assert Document.select().count() == count


def test_cli_firm_by_item_or_by_item_and_due_date(chairs, capsys):
    from jxc_desktop.cli import main

    def scdd():
        return Document.select().where(Document.doc_type == "SCDD").count()

    base = ["--db", str(chairs), "mrp", "firm", "--from", "2026-01-01"]
    assert main(base + ["FG@2026-02-24"]) == 0
    assert scdd() == 1
    assert "1" in capsys.readouterr().out
    assert main(base + ["FG@2026-02-24"]) == 1  # firmed already: no longer planned
    assert "2026-02-24" in capsys.readouterr().err
    assert main(base + ["SA", "FG@2026-02-10"]) == 1  # a bare item among dated ones
    assert scdd() == 1
    assert main(base + ["SA"]) == 0  # an item alone: all of its planned orders
    assert scdd() == 3


def test_outsourcing_orders_allocate_what_is_not_sent(company):
    make_warehouse("W1")
    Partner.create(kind="supplier", code="S1", name="加工厂")
    Partner.create(kind="customer", code="K1", name="客户")
    item("P", "outsource", 6)
    item("M1")
    item("M2")
    bom("P", ("M1", 2), ("M2", 1))
    doc("QCKC", START, [("M1", 30, 1), ("M2", 10, 1)])
    wwdd = approved(
        "WWDD",
        D(2026, 1, 5),
        [LineInput(item="P", qty="20", price="5", due_date=D(2026, 2, 20))],
        partner="S1",
    )
    need = {(d.item_id, d.qty) for d in allocations(START, None) if d.number == wwdd.number}
    m1, m2 = Item.get(Item.code == "M1").id, Item.get(Item.code == "M2").id
    assert need == {(m1, Decimal(40)), (m2, Decimal(20))}
    source = wwdd.lines[0]
    approved("WWFL", D(2026, 1, 6), [LineInput(item="M1", qty="15", source_line=source)], "S1")
    approved("WWTL", D(2026, 1, 7), [LineInput(item="M1", qty="5", source_line=source)], "S1")
    need = {(d.item_id, d.qty) for d in allocations(START, None)}
    assert need == {(m1, Decimal(30)), (m2, Decimal(20))}
    # a planned outsourcing order firmed as a 委外 requisition keeps its materials planned
    lines = [LineInput(item="P", qty="32", due_date=D(2026, 2, 20))]  # 20 on order
    approved("XSDD", START, lines, partner="K1", warehouse=None)
    before = [r for r in plan() if r[0] != "P"]
    assert [r[0] for r in before] == ["M1", "M1", "M2", "M2"]  # the WWDD's, then P's
    assert [r[:3] for r in plan("P")] == [("P", "outsourcing", 12)]
    [number] = firm(["P"], START)
    assert number.startswith("CGSQ")
    assert plan("P") == []
    assert [r for r in plan() if r[0] != "P"] == before
    assert run_mrp(START).actions == []


# ---------------------------------------------------------------- the MRP page


def _mrp_page(qtbot, company, tmp_path):
    from ui_helpers import make_window

    window = make_window(qtbot, company, tmp_path)
    page = window.pages["production"]
    window.select_tab("production")
    page.tabs.setCurrentWidget(page.mrp)
    page.mrp.run()
    qtbot.waitUntil(lambda: page.mrp.table.rowCount() > 0, timeout=20000)
    return window, page.mrp


def _headers_fit(table) -> bool:
    header = table.horizontalHeader()
    metrics = header.fontMetrics()
    for c in range(table.columnCount()):
        text = table.horizontalHeaderItem(c).text()
        if header.sectionSize(c) < metrics.horizontalAdvance(text):
            return False
    return not header.stretchLastSection()


def test_firm_selected_writes_exactly_the_two_rows_and_says_so(qtbot, company, tmp_path):
    from jxc_desktop.engine.demo_production import build_production_demo
    from jxc_desktop.ui import messages

    today = dt.date.today()
    build_production_demo(today.replace(day=1), today)
    window, mrp = _mrp_page(qtbot, company, tmp_path)
    before = [(r["item"], r["kind"], r["due_date"], r["net"]) for r in mrp.table.rows]
    chair = next(i for i, r in enumerate(mrp.table.rows) if r["item"] == "FG-CHAIR")
    gas = next(i for i, r in enumerate(mrp.table.rows) if r["item"] == "RM-GAS")
    mrp.table.clearSelection()
    mrp.table.selectRow(chair)
    mrp.table.setSelectionMode(mrp.table.SelectionMode.MultiSelection)
    mrp.table.selectRow(gas)
    assert len(mrp.table.selected()) == 2
    count = Document.select().count()
    mrp.firm()
    qtbot.waitUntil(lambda: not window.ops.busy(), timeout=20000)
    written = list(Document.select().where(Document.id > 0).order_by(Document.id))[count:]
    assert sorted(d.doc_type for d in written) == ["CGSQ", "SCDD"]
    assert [len(list(d.lines)) for d in written] == [1, 1]
    text = messages.shown[-1].text()
    assert all(d.number in text for d in written) and "2" in text
    # the re-run proposes everything else exactly as before
    qtbot.waitUntil(lambda: mrp.table.rowCount() == len(before) - 2, timeout=20000)
    after = [(r["item"], r["kind"], r["due_date"], r["net"]) for r in mrp.table.rows]
    assert after == [r for i, r in enumerate(before) if i not in (chair, gas)]
    window.ops.shutdown()


def test_mrp_grid_shows_the_need_and_the_rounding_apart(qtbot, company, tmp_path):
    """继电器-like item: 65 needed (safety stock), lot 200 → need 65, 批量取整 135."""
    make_warehouse("W1")
    item("RELAY", "purchase", 0, safety_stock=Decimal(65), lot_rule="fixed", lot_size=Decimal(200))
    window, mrp = _mrp_page(qtbot, company, tmp_path)
    row = mrp.table.rows[0]
    assert (row["item"], row["net"], row["qty"]) == ("RELAY", 65, 200)
    assert mrp.table.item(0, mrp.table.keys.index("net")).text() == "65"
    mrp.table.selectRow(0)
    peg = mrp.pegging
    got = [(peg.item(r, 0).text(), peg.item(r, 3).text()) for r in range(peg.rowCount())]
    assert got == [("补充安全库存", "65"), ("批量取整", "135")]
    assert _headers_fit(mrp.table) and _headers_fit(peg)
    window.ops.shutdown()


def test_mrp_grid_headers_fit_in_english(qtbot, company, tmp_path):
    from jxc_desktop.engine.i18n import set_language

    make_warehouse("W1")
    item("RM", "purchase", 0, safety_stock=Decimal(5))
    set_language("en")
    window, mrp = _mrp_page(qtbot, company, tmp_path)
    assert mrp.table.horizontalHeaderItem(3).text() == "Required"
    assert _headers_fit(mrp.table)
    mrp.table.selectRow(0)
    assert mrp.pegging.item(0, 0).text() == "Top up safety stock"
    assert _headers_fit(mrp.pegging)
    window.ops.shutdown()


def test_the_qa_walk_on_the_demo_company(demo_company):
    """运行 MRP, firm one 办公椅 and one 气压棒 row, run again: the rest of the plan is
    unchanged (materials included) and no message names what was just firmed."""
    today = dt.date.today()
    end = today + dt.timedelta(days=90)

    def rows(result):
        return [(o.item.code, o.kind, o.qty, o.release_date, o.due_date) for o in result.orders]

    before = run_mrp(today, end)
    chair = next(o for o in before.orders if o.item.code == "FG-CHAIR")
    gas = next(o for o in before.orders if o.item.code == "RM-GAS")
    numbers = firm(orders=[order_key(chair), order_key(gas)], date_from=today, date_to=end)
    after = run_mrp(today, end)
    firmed = {order_key(chair), order_key(gas)}
    assert rows(after) == [
        r for o, r in zip(before.orders, rows(before), strict=True) if order_key(o) not in firmed
    ]
    assert {"SA-SEAT", "SA-BASE", "RM-BOARD", "RM-FABRIC", "RM-FOAM", "RM-SCREW", "RM-WHEEL"} <= {
        o.item.code for o in after.orders
    }
    assert not {a.number for a in after.actions} & set(numbers)
    assert [vars(a) for a in after.actions] == [vars(a) for a in before.actions]


def test_action_messages_show_the_order_s_own_due_date(chairs, capsys):
    """A past-due order moves to the horizon start for planning, but 现交货日期 is the
    date the order names (and the message is in words)."""
    from production_helpers import cli_json

    Partner.create(kind="supplier", code="S1", name="供应商")
    item("Z")
    line = LineInput(item="Z", qty="5", due_date=D(2026, 2, 1))
    late = approved("CGDD", D(2026, 1, 2), [line], partner="S1", warehouse=None)
    rows = cli_json(
        capsys, chairs, "report", "mrp-actions", "--from", "2026-03-01", "--format", "json"
    )
    assert [(r["action"], r["action_code"], r["number"], r["due_date"]) for r in rows] == [
        ("取消", "cancel", late.number, "2026-02-01")
    ]
