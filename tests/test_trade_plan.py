"""收款计划: instalments that add up to the order, collected oldest first, on the 首页."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from inventory_helpers import day, doc, make_item, make_warehouse
from trade_helpers import customer, first_line, money_doc, trade_doc

from jxc_desktop.engine.errors import ValidationError
from jxc_desktop.engine.reports.trade_orders import dashboard_counts
from jxc_desktop.engine.trade import collection_plan
from jxc_desktop.engine.trade.collection_plan import Instalment


@pytest.fixture
def order(company):
    make_warehouse("W1")
    make_item("A")
    doc("QCKC", day(1), [("A", 100, "5")])
    c = customer("C1", terms=0)
    o, _ = trade_doc("XSDD", day(2), c, [("A", 10, "100")])  # 1,130.00
    return c, o


def test_plan_must_add_up_to_the_order(order):
    _, o = order
    with pytest.raises(ValidationError) as info:
        collection_plan.set_plan(
            o.id, [Instalment(day(10), Decimal("500")), Instalment(day(40), Decimal("-1"))]
        )
    texts = [str(p) for p in info.value.problems]
    assert any("1,130.00" in t and "499.00" in t for t in texts)
    assert any(p.row == 2 for p in info.value.problems)
    assert collection_plan.plan_of(o.id) == []
    collection_plan.set_plan(
        o.id, [Instalment(day(40), Decimal("630")), Instalment(day(10), Decimal("500"))]
    )
    plan = collection_plan.plan_of(o.id)
    assert [(p.due_date, p.amount) for p in plan] == [
        (day(10), Decimal("500.00")),
        (day(40), Decimal("630.00")),
    ]


def test_collections_follow_the_plan_on_the_dashboard(order):
    c, o = order
    collection_plan.set_plan(
        o.id, [Instalment(day(10), Decimal("500")), Instalment(day(40), Decimal("630"))]
    )
    # delivered on day 3 with no payment terms: the delivery item alone would be overdue
    d, _ = trade_doc("XSCK", day(3), c, [("A", 10, "100", first_line(o))], warehouse="W1")
    today = day(5)  # a Monday; the week ends on day 11
    assert today.weekday() == 0
    counts = dashboard_counts(today)
    assert counts["overdue"] == 0 and counts["due_this_week"] == 1
    # 300 received: the first instalment is still partly due, then overdue after day 10
    money_doc("SKD", day(6), c, "300", source_line=first_line(d))
    states = collection_plan.open_instalments()
    assert [(s.amount, s.open) for s in states] == [
        (Decimal("500.00"), Decimal("200.00")),
        (Decimal("630.00"), Decimal("630.00")),
    ]
    assert dashboard_counts(day(12))["overdue"] == 1
    money_doc("SKD", day(12), c, "200", source_line=first_line(d))
    assert dashboard_counts(day(12))["overdue"] == 0
    # an order without a plan: its delivery items count by their own due dates
    o2, _ = trade_doc("XSDD", day(2), c, [("A", 1, "100")])
    trade_doc("XSCK", day(3), c, [("A", 1, "100", first_line(o2))], warehouse="W1")
    assert dashboard_counts(day(12))["overdue"] == 1


def test_an_advance_against_the_order_pays_the_first_instalment(order):
    c, o = order
    collection_plan.set_plan(
        o.id, [Instalment(day(3), Decimal("330")), Instalment(day(40), Decimal("800"))]
    )
    _, result = money_doc("SKD", day(2), c, "330", source_line=first_line(o))
    assert any("预收" in m for m in result.messages)
    assert collection_plan.collected_for([o.id]) == {o.id: Decimal("330.00")}
    assert [s.open for s in collection_plan.open_instalments()] == [Decimal(0), Decimal("800.00")]
    assert dashboard_counts(day(12))["overdue"] == 0


def test_plan_on_the_command_line(order, company, capsys):
    from jxc_desktop.cli import main
    from jxc_desktop.engine.session import close_company

    _, o = order
    path = company
    close_company()
    args = ["--db", str(path), "trade", "plan", o.number]
    assert main([*args, "--instalment", "2026-02-01=130", "--instalment", "2026-03-01=1000"]) == 0
    out = capsys.readouterr().out.split("\n")
    assert out[:2] == ["2026-02-01\t130.00", "2026-03-01\t1000.00"]
    assert main([*args, "--instalment", "2026-02-01=13"]) == 1
    assert "1,130.00" in capsys.readouterr().err


def test_plan_dialog_saves_through_the_engine(qtbot, order, monkeypatch):
    from jxc_desktop.ui import messages
    from jxc_desktop.ui.ops import Ops
    from jxc_desktop.ui.trade.doc_list import TradeDocList

    shown = []
    monkeypatch.setattr(messages, "problems", lambda parent, items: shown.extend(items))
    _, o = order
    docs = TradeDocList(Ops(), "sales")
    qtbot.addWidget(docs)
    docs.table.selectRow(0)
    dialog = docs.collection_plan()
    dialog.add_row("2026-02-01", "500")
    dialog.add_row("2026-03-01")  # the rest of the order by default
    assert dialog.table.item(1, 1).text() == "630.00"
    assert "1,130.00 / " in dialog.sum.text()
    dialog.table.item(1, 1).setText("600")
    assert not dialog.save() and shown
    dialog.table.item(1, 1).setText("630")
    assert dialog.save()
    assert [p.due_date for p in collection_plan.plan_of(o.id)] == [
        dt.date(2026, 2, 1),
        dt.date(2026, 3, 1),
    ]


def test_collection_plan_report(order, company, capsys):
    import json

    from jxc_desktop.cli import main
    from jxc_desktop.engine.session import close_company

    c, o = order
    collection_plan.set_plan(
        o.id, [Instalment(day(10), Decimal("500"), "定金"), Instalment(day(40), Decimal("630"))]
    )
    d, _ = trade_doc("XSCK", day(3), c, [("A", 10, "100", first_line(o))], warehouse="W1")
    money_doc("SKD", day(6), c, "300", source_line=first_line(d))
    close_company()
    args = ["--db", str(company), "report", "collection-plan", "--format", "json"]
    assert main(args) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["seq"], r["amount"], r["collected"], r["open"]) for r in rows] == [
        (1, "500.00", "300.00", "200.00"),
        (2, "630.00", "0.00", "630.00"),
    ]
    assert rows[0]["status"] == "逾期" and rows[0]["partner"] == "C1"  # 2026-01-10 is past
    assert main([*args, "--from", "2026-02-01"]) == 0
    assert [r["seq"] for r in json.loads(capsys.readouterr().out)] == [2]
