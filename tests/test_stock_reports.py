"""Stock reports from the ledger: keys, exact values, running balances."""

import json
from decimal import Decimal

import pytest
from inventory_helpers import day, doc, make_item, make_warehouse

from jxc_desktop.engine import documents
from jxc_desktop.engine.reports import ReportParams, load_all, output


@pytest.fixture
def history(company):
    make_warehouse("W1", ["A-01", "A-02"])
    make_warehouse("W2")
    make_item("A")
    from jxc_desktop.engine.documents import LineInput

    doc("QTRK", day(1), [LineInput(item="A", qty="10", price="1", location="A-01")])
    doc("QTRK", day(2), [LineInput(item="A", qty="20", price="1.25", location="A-02")])
    doc("QTCK", day(3), [LineInput(item="A", qty="7", location="A-01")])
    doc("DBD", day(4), [LineInput(item="A", qty="3", location="A-02")], dest="W2")
    return company


def run(name, **kw):
    report = load_all()[name]
    return report, report.run(ReportParams(**kw))


def test_stock_balance_rows_add_up_to_the_pool(history):
    report, rows = run("stock-balance")
    w1 = [r for r in rows if r["warehouse"] == "W1"]
    assert [(r["location"], r["qty"]) for r in w1] == [("A-01", Decimal(3)), ("A-02", Decimal(17))]
    # pool: 30 for 35.00, issued 7 → 816.67→8.17, transfer 3 → 3.50; W1 left 20 for 23.33
    assert sum(r["value"] for r in w1) == Decimal("23.33")
    w2 = [r for r in rows if r["warehouse"] == "W2"]
    assert w2[0]["value"] == Decimal("3.50")
    data = json.loads(output.to_json(report.columns, rows))
    assert set(data[0]) >= {"item", "warehouse", "location", "batch", "qty", "unit_cost", "value"}
    assert data[0]["value"].count(".") == 1 and len(data[0]["value"].split(".")[1]) == 2


def test_stock_ledger_running_balance_and_keys(history):
    report, rows = run("stock-ledger", item="A", warehouse="W1")
    assert [r["type"] for r in rows] == ["QTRK", "QTRK", "QTCK", "DBD"]
    assert rows[-1]["balance_qty"] == Decimal(20) and rows[-1]["balance_value"] == Decimal("23.33")
    bal = Decimal(0)
    for r in rows:
        bal += r["value"]
        assert r["balance_value"] == bal
    keys = set(json.loads(output.to_json(report.columns, rows))[0])
    assert keys >= {
        "date",
        "number",
        "external_number",
        "type",
        "item",
        "warehouse",
        "location",
        "batch",
        "qty",
        "unit_cost",
        "value",
        "balance_qty",
        "balance_value",
    }


def test_stock_ledger_with_backdated_document_shows_new_values(history):
    doc("QTRK", day(1), [("A", 10, "4")], time="23:00")
    _, rows = run("stock-ledger", item="A", warehouse="W1")
    assert [r["type"] for r in rows][:3] == ["QTRK", "QTRK", "QTRK"]
    assert rows[-1]["balance_value"] == sum(r["value"] for r in rows)
    _, balance = run("stock-balance", warehouse="W1")
    assert sum(r["value"] for r in balance) == rows[-1]["balance_value"]


def test_stock_summary_in_out_closing(history):
    d = doc("QTCK", day(5), [("A", 1)], approve=True)
    documents.unapprove(d.id)
    _, rows = run("stock-summary", date_from=day(2), date_to=day(31))
    w1 = next(r for r in rows if r["warehouse"] == "W1")
    assert w1["opening_qty"] == Decimal(10) and w1["in_qty"] == Decimal(20)
    assert w1["out_qty"] == Decimal(10)
    assert w1["closing_qty"] == Decimal(20)
    assert w1["closing_value"] == w1["opening_value"] + w1["in_value"] - w1["out_value"]


def test_as_of_date_balance(history):
    _, rows = run("stock-balance", date_to=day(2))
    assert sum(r["qty"] for r in rows) == Decimal(30)
    assert sum(r["value"] for r in rows) == Decimal("35.00")


def test_negative_stock_trueup_is_its_own_row(company):
    from jxc_desktop.engine import settings

    make_warehouse("W1")
    make_item("N")
    settings.set_value("negative_stock", "allow")
    doc("QTRK", day(1), [("N", 5, "1.00")])
    doc("QTCK", day(2), [("N", 10)])  # 5 at 1.00 + 5 at the last cost 1.00
    doc("QTRK", day(3), [("N", 10, "3.00")])  # trues the -5 up to 3.00
    _, rows = run("stock-ledger", item="N")
    receipt = rows[2]
    assert (receipt["qty"], receipt["value"], receipt["trueup"]) == (
        Decimal(10),
        Decimal("30.00"),
        False,
    )
    trueup = rows[3]
    assert trueup["trueup"] and trueup["qty"] == 0 and trueup["value"] == Decimal("-10.00")
    assert trueup["balance_qty"] == Decimal(5) and trueup["balance_value"] == Decimal("15.00")
    report, _ = run("stock-ledger")
    from jxc_desktop.engine.reports import output

    header = output.to_csv(report.columns, rows).splitlines()[0]
    assert "time" in header and "reversal" in header and "trueup" in header
