"""stock_move.month: every move carries its date's month, the per-item index leads with
it, and every query for one item's moves names the months to look in."""

import datetime as dt
import os
import re
from decimal import Decimal

import pytest
from inventory_helpers import doc, make_item, make_warehouse

from jxc_desktop.engine.checks import run_all
from jxc_desktop.engine.inventory import ledger_months
from jxc_desktop.engine.inventory.periodic import month_unit_cost
from jxc_desktop.engine.inventory.stocktake import book_qty_units
from jxc_desktop.engine.masterdata.items import item_in_use
from jxc_desktop.engine.reports import ReportParams
from jxc_desktop.engine.reports.stock import balance_rows, ledger_rows, summary_rows
from jxc_desktop.models.db import database, execute
from jxc_desktop.models.masterdata import Item, Warehouse
from jxc_desktop.models.stock import month_of, months_from, next_month

JAN, FEB, APR = dt.date(2026, 1, 20), dt.date(2026, 2, 3), dt.date(2026, 4, 30)


def _history():
    make_warehouse("W1")
    make_item("A")
    make_item("B", method="fifo")
    make_item("Z")  # never moved
    doc("QTRK", JAN, [("A", 10, "2.00"), ("B", 5, "1.00")])
    doc("QTCK", APR, [("A", 4)])
    doc("QTRK", FEB, [("A", 6, "3.00")])  # backdated before April's issue: re-values it


def test_month_arithmetic():
    assert next_month("2026-11") == "2026-12"
    assert next_month("2026-12") == "2027-01"
    assert months_from("2026-11", "2027-02") == ["2026-11", "2026-12", "2027-01", "2027-02"]
    assert months_from("2026-03", "2026-03") == ["2026-03"]
    assert months_from("2026-04", "2026-03") == []
    assert month_of(dt.date(2026, 9, 30)) == "2026-09"
    assert month_of("2026-09-30") == "2026-09"


def test_span_is_the_ledgers_months_narrowed_to_the_dates_asked(company):
    assert ledger_months.span() == []
    assert ledger_months.clause() == ("1 = 0", [])
    _history()
    assert ledger_months.span() == ["2026-01", "2026-02", "2026-03", "2026-04"]
    assert ledger_months.span(first=dt.date(2026, 2, 28)) == ["2026-02", "2026-03", "2026-04"]
    assert ledger_months.span(last=dt.date(2026, 2, 1)) == ["2026-01", "2026-02"]
    assert ledger_months.span(first=dt.date(2025, 1, 1), last=dt.date(2030, 1, 1)) == [
        "2026-01",
        "2026-02",
        "2026-03",
        "2026-04",
    ]
    assert ledger_months.span(last=dt.date(2025, 12, 31)) == []
    sql, args = ledger_months.clause(dt.date(2026, 4, 1), None, "m.month")
    assert (sql, args) == ("m.month IN (?)", ["2026-04"])


def test_every_move_carries_its_dates_month(company):
    _history()
    rows = execute("SELECT date, month, kind FROM stock_move").fetchall()
    assert {r[2] for r in rows} == {"move", "reval"}  # the backdated receipt re-valued
    assert all(month_of(date) == month for date, month, _ in rows)
    assert run_all() == []


def test_the_check_names_moves_filed_under_another_month(company):
    _history()
    execute(
        "INSERT INTO stock_move (kind, document_id, date, time, item_id, warehouse_id, "
        "batch_no, qty, value, unit_cost, cost_source, created_at, month) "
        "SELECT 'reval', document_id, date, time, item_id, warehouse_id, batch_no, 0, 0, 0, "
        "'value', created_at, '2026-03' FROM stock_move WHERE date = ? LIMIT 1",
        (str(JAN),),
    )
    problems = [p for name, p in run_all() if name == "stock_months"]
    assert problems == ["月份为 2026-03 的库存流水日期在 2026-01-20 ~ 2026-01-20，超出该月"]


def test_queries_by_item_find_moves_in_every_month(company):
    _history()
    a = Item.get(Item.code == "A")
    wh = Warehouse.get(Warehouse.code == "W1")
    assert book_qty_units(a, wh.id, 0, "", dt.date(2026, 1, 31)) == 10 * 10_000
    assert book_qty_units(a, wh.id, 0, "", dt.date(2026, 3, 1)) == 16 * 10_000
    assert book_qty_units(a, wh.id, 0, "", APR) == 12 * 10_000
    assert book_qty_units(a, wh.id, 0, "", dt.date(2025, 12, 31)) == 0
    # (10 × 2.00 + 6 × 3.00) / 16 = 2.375 per unit, in 1e-6 yuan
    assert month_unit_cost(a.id, wh.id, "2026-02-01", "2026-02-28") == 2_375_000
    ledger = ledger_rows(ReportParams(item="A"))
    assert [(r["date"], r["qty"]) for r in ledger] == [(JAN, 10), (FEB, 6), (APR, -4)]
    assert ledger[-1]["value"] == Decimal("-9.50")  # the issue re-valued at 2.375
    asof = balance_rows(ReportParams(item="A", date_to=dt.date(2026, 2, 28)))
    assert [(r["qty"], r["value"]) for r in asof] == [(16, 38)]
    summary = summary_rows(ReportParams(item="A", date_from=dt.date(2026, 2, 1), date_to=APR))
    assert [(r["opening_qty"], r["in_qty"], r["out_qty"]) for r in summary] == [(10, 6, 4)]
    assert item_in_use(a.id)
    assert not item_in_use(Item.get(Item.code == "Z").id)


@pytest.mark.skipif(bool(os.environ.get("JXC_TEST_POSTGRES")), reason="SQLite query plans")
def test_the_month_clauses_let_sqlite_use_the_per_item_index(company):
    """Every statement that names months reads stock_move through the per-item index
    (a short range per month), not by scanning the ledger."""
    _history()
    statements = []
    con = database.obj.connection()
    con.set_trace_callback(statements.append)
    try:
        a = Item.get(Item.code == "A")
        wh = Warehouse.get(Warehouse.code == "W1")
        book_qty_units(a, wh.id, 0, "", APR)
        month_unit_cost(a.id, wh.id, "2026-02-01", "2026-02-28")
        ledger_rows(ReportParams(item="A", date_from=FEB))
        balance_rows(ReportParams(item="A", date_to=FEB))
        summary_rows(ReportParams(item="A", date_from=FEB, date_to=APR))
        item_in_use(a.id)
        doc("QTRK", dt.date(2026, 1, 25), [("A", 1, "1.00"), ("B", 1, "1.00")])  # backdated
    finally:
        con.set_trace_callback(None)
    named = [s for s in statements if re.search(r"month IN \('", s)]
    assert len(named) >= 8
    for sql in named:
        plan = " | ".join(r[3] for r in con.execute("EXPLAIN QUERY PLAN " + sql))
        assert "stock_move_month_item_id_warehouse_id_date_time_id" in plan, (sql, plan)


def test_a_mistyped_year_names_only_the_months_holding_moves(company):
    assert months_from("9999-11", "9999-12") == ["9999-11", "9999-12"]  # no month 10000
    _history()
    execute(  # a move of a receipt dated 2926 (a typo for 2026)
        "INSERT INTO stock_move (kind, document_id, date, time, item_id, warehouse_id, "
        "batch_no, qty, value, unit_cost, cost_source, created_at, month) "
        "SELECT 'reval', document_id, '2926-02-03', time, item_id, warehouse_id, batch_no, "
        "0, 0, 0, 'value', created_at, '2926-02' FROM stock_move LIMIT 1"
    )
    assert ledger_months.span() == ["2026-01", "2026-02", "2026-04", "2926-02"]
    assert ledger_months.span(last=dt.date(2026, 3, 31)) == ["2026-01", "2026-02", "2026-03"]
