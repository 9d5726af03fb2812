"""The ledger reads and writes many pools at once: same values, fewer statements.

ledger.post reads the cost groups, FIFO layers, settled costs and location balances of
all a document's pools in a few IN queries and saves the pools with one executemany;
these tests pin the values and messages down and count the statements.
"""

from __future__ import annotations

import gc
from decimal import Decimal

import pytest
from inventory_helpers import day, doc, make_item, make_warehouse, pool

from jxc_desktop.engine.checks import run_all
from jxc_desktop.engine.documents import LineInput
from jxc_desktop.engine.errors import ValidationError
from jxc_desktop.engine.inventory import ledger, pool_store
from jxc_desktop.engine.money import from_scaled
from jxc_desktop.engine.reports import ReportParams
from jxc_desktop.engine.reports import stock as stock_reports
from jxc_desktop.models.db import execute


def _database_calls(monkeypatch) -> list[str]:
    """Records every statement (an executemany counts once) the ledger and its store send."""
    seen: list[str] = []

    def counting(fn):
        def wrapper(sql, *args, **kw):
            seen.append(sql)
            return fn(sql, *args, **kw)

        return wrapper

    monkeypatch.setattr(ledger, "execute", counting(ledger.execute))
    monkeypatch.setattr(pool_store, "execute", counting(pool_store.execute))
    monkeypatch.setattr(pool_store, "executemany", counting(pool_store.executemany))
    return seen


def test_post_statements_do_not_grow_with_the_number_of_pools(company, monkeypatch):
    make_warehouse()
    for n in range(60):
        make_item(f"I{n:02d}", method="fifo" if n % 3 == 0 else "moving_average")
    counts = []
    for size, when in ((5, 1), (60, 2)):
        seen = _database_calls(monkeypatch)
        doc("QTRK", day(when), [(f"I{n:02d}", 10, "1.50") for n in range(size)])
        counts.append(len(seen))
        seen = _database_calls(monkeypatch)
        doc("QTCK", day(when), [(f"I{n:02d}", 3) for n in range(size)])
        counts.append(len(seen))
        monkeypatch.undo()
    # receipts of 5 and of 60 pools, issues of 5 and of 60 pools: the same statements
    assert counts[0] == counts[2]
    assert counts[1] == counts[3]
    assert max(counts) <= 12
    assert run_all() == []


def test_fifo_and_average_pools_in_one_document(company):
    make_warehouse()
    make_item("A", method="fifo")
    make_item("B")
    make_item("C", method="fifo")
    doc("QTRK", day(1), [("A", 10, "1"), ("B", 10, "2"), ("C", 5, "3"), ("A", 10, "2")])
    doc("QTCK", day(2), [("A", 15), ("B", 5), ("C", 5)])
    assert pool("A") == (Decimal("5.0000"), Decimal("10.00"))  # 10 @ 1 and 5 @ 2 went out
    assert pool("B") == (Decimal("5.0000"), Decimal("10.00"))
    assert pool("C") == (Decimal("0.0000"), Decimal("0.00"))
    layers = execute(
        "SELECT i.code, l.seq, l.qty, l.value FROM fifo_layer l JOIN cost_group g "
        "ON g.id = l.group_id JOIN item i ON i.id = g.item_id ORDER BY i.code, l.seq"
    ).fetchall()
    assert layers == [("A", 1, 50_000, 1000)]  # the second layer, 5 of it left, keeps its place
    values = execute(
        "SELECT i.code, m.value FROM stock_move m JOIN item i ON i.id = m.item_id "
        "WHERE m.qty < 0 ORDER BY i.code"
    ).fetchall()
    assert values == [("A", -2000), ("B", -1000), ("C", -1500)]
    assert run_all() == []


def test_every_short_location_is_reported_and_nothing_written(company):
    make_warehouse(locations=("L1", "L2"))
    make_item("A")
    make_item("B")
    doc(
        "QTRK",
        day(1),
        [
            LineInput(item=code, qty="5", price="1", location=loc)
            for code in ("A", "B")
            for loc in ("L1", "L2")
        ],
    )
    (before,) = execute("SELECT COUNT(*) FROM stock_move").fetchone()
    with pytest.raises(ValidationError) as err:
        doc(
            "QTCK",
            day(2),
            [
                LineInput(item="A", qty="6", location="L1"),
                LineInput(item="B", qty="7", location="L2"),
            ],
        )
    messages = [p.message for p in err.value.problems]
    assert len(messages) == 2
    assert "商品A" in messages[0] and "L1" in messages[0] and "短缺 1" in messages[0]
    assert "商品B" in messages[1] and "L2" in messages[1] and "短缺 2" in messages[1]
    assert execute("SELECT COUNT(*) FROM stock_move").fetchone() == (before,)
    assert pool("A") == (Decimal("10.0000"), Decimal("10.00"))


def test_backdated_and_new_pools_in_one_document(company):
    make_warehouse()
    make_item("A")
    make_item("B")
    doc("QTRK", day(1), [("A", 10, "1")])
    doc("QTCK", day(5), [("A", 10)])
    # day 3: A is backdated (re-values the day-5 issue), B is a new pool
    doc("QTRK", day(3), [("A", 10, "4"), ("B", 2, "7")])
    assert pool("A") == (Decimal("10.0000"), Decimal("25.00"))  # issue: 20 @ 2.50 avg, 10 out
    assert pool("B") == (Decimal("2.0000"), Decimal("14.00"))
    (last_date,) = execute(
        "SELECT g.last_date FROM cost_group g JOIN item i ON i.id = g.item_id WHERE i.code = 'A'"
    ).fetchone()
    assert str(last_date) == "2026-01-05"
    assert run_all() == []


def test_report_decimals_match_money_from_scaled():
    for units in (0, 1, -1, 5, 12_345, -99_999_999, 10**15):
        for places in (2, 4, 6):
            fast = stock_reports._dec(units, places)
            exact = from_scaled(units, places)
            assert fast == exact and str(fast) == str(exact)


def test_reports_leave_the_garbage_collector_as_they_found_it(company):
    make_warehouse()
    make_item("A")
    doc("QTRK", day(1), [("A", 3, "2")])
    assert gc.isenabled()
    stock_reports.balance_rows(ReportParams())
    assert gc.isenabled()
    gc.disable()
    try:
        stock_reports.ledger_rows(ReportParams(item="A"))
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_one_item_ledger_names_only_that_item(company):
    make_warehouse()
    make_item("A")
    make_item("B")
    doc("QTRK", day(1), [("A", 3, "2"), ("B", 1, "5")])
    rows = stock_reports.ledger_rows(ReportParams(item="B"))
    assert [(r["item"], r["name"], r["balance_value"]) for r in rows] == [
        ("B", "商品B", Decimal("5.00"))
    ]
    full = stock_reports.balance_rows(ReportParams())
    assert [(r["item"], r["value"]) for r in full] == [
        ("A", Decimal("6.00")),
        ("B", Decimal("5.00")),
    ]


def test_unapprove_many_pools_restores_every_pool(company):
    make_warehouse()
    for n in range(12):
        make_item(f"I{n:02d}", method="fifo" if n % 2 else "moving_average")
    doc("QTRK", day(1), [(f"I{n:02d}", 10, f"{n + 1}.25") for n in range(12)])
    before = [pool(f"I{n:02d}") for n in range(12)]
    issue = doc("QTCK", day(2), [(f"I{n:02d}", n % 9 + 1) for n in range(12)])
    from jxc_desktop.engine import documents

    documents.unapprove(issue.id)
    assert [pool(f"I{n:02d}") for n in range(12)] == before
    assert run_all() == []


def test_unapprove_statements_do_not_grow_with_the_number_of_pools(company, monkeypatch):
    from jxc_desktop.engine import documents

    make_warehouse()
    for n in range(60):
        make_item(f"I{n:02d}", method="fifo" if n % 3 == 0 else "moving_average")
    doc("QTRK", day(1), [(f"I{n:02d}", 10, "1.50") for n in range(60)])
    counts = []
    for size, when in ((5, 2), (60, 3)):
        issue = doc("QTCK", day(when), [(f"I{n:02d}", 2) for n in range(size)])
        doc("QTRK", day(when + 2), [(f"I{n:02d}", 1, "9") for n in range(size)])
        seen = _database_calls(monkeypatch)
        documents.unapprove(issue.id)  # re-values the later receipts' pools
        counts.append(len(seen))
        monkeypatch.undo()
    assert counts[0] == counts[1]
    assert run_all() == []


def _move(link=None) -> ledger.PlannedMove:
    return ledger.PlannedMove(
        None, None, 1, None, "", 10_000, "linked" if link else "fixed", link=link
    )


def test_pool_order_puts_transfer_sources_first():
    # a transfer's receiving pool (b) is listed before its source pool (a)
    planned = [_move(link=1), _move(), _move()]
    keys = [("b",), ("a",), ("c",)]
    assert ledger._group_order(planned, keys) == [("a",), ("c",), ("b",)]


def test_pool_order_is_linear_in_the_number_of_pools():
    import time

    planned = [_move() for _ in range(30_000)]
    keys = [(n, 1, "") for n in range(30_000)]
    started = time.perf_counter()
    order = ledger._group_order(planned, keys)
    assert order == keys
    # the quadratic version took seconds here; linear takes milliseconds
    assert time.perf_counter() - started < 1.0


def test_balance_rows_share_a_pool_and_the_last_row_takes_the_rest(company):
    make_warehouse(locations=("L1", "L2", "L3"))
    make_item("A")
    make_item("B")
    doc(
        "QTRK",
        day(1),
        [
            LineInput(item="B", qty="2", price="5", location="L2"),
            LineInput(item="A", qty="1", price="1", location="L3"),
            LineInput(item="A", qty="1", price="1", location="L1"),
            LineInput(item="A", qty="1", price="1.01", location="L2"),
        ],
    )
    rows = stock_reports.balance_rows(ReportParams())
    assert [(r["item"], r["location"], r["value"]) for r in rows] == [
        ("A", "L1", Decimal("1.00")),
        ("A", "L2", Decimal("1.00")),
        ("A", "L3", Decimal("1.01")),  # the last row of the pool takes the rounding rest
        ("B", "L2", Decimal("10.00")),
    ]


def test_one_row_pools_skip_the_balance_query_but_batches_still_count(company, monkeypatch):
    """In a warehouse without locations an item that never had a batch has one balance
    row, the pool's: the issue's location check reads nothing more. An item that is not
    batch-managed but was received into a batch keeps the check: its stock without a
    batch is what an issue without a batch takes, and that may run out first."""
    make_warehouse()
    make_item("A")
    make_item("B")  # not batch-managed, yet received with a batch once
    doc("QTRK", day(1), [("A", 10, "1.00")])
    doc("QTRK", day(1), [LineInput(item="B", qty="10", price="1.00", batch_no="B1")])
    seen = _database_calls(monkeypatch)
    doc("QTCK", day(2), [("A", 4)])
    assert seen and not any("FROM stock_balance" in sql for sql in seen)
    monkeypatch.undo()
    with pytest.raises(ValidationError) as err:
        doc("QTCK", day(2), [("B", 4)])  # the pool holds 10, all of it in batch B1
    assert "B" in str(err.value)
    assert pool("B") == (Decimal("10"), Decimal("10.00"))
    assert run_all() == []


def test_locations_added_within_one_action_are_seen_by_later_postings(company):
    """Whether a warehouse has locations is read once per action; giving it locations
    inside the same action (a script or an import that also posts) is seen at once."""
    from jxc_desktop.engine import masterdata as md
    from jxc_desktop.models.db import write_transaction

    make_warehouse()
    make_item("A")
    doc("QTRK", day(1), [("A", 10, "1.00")])
    with write_transaction():
        doc("QTCK", day(2), [("A", 1)])  # reads: W1 has no locations
        md.save_warehouse(md.WarehouseData("W1", "仓库W1", locations=[md.LocationData("L1")]), 1)
        doc("QTRK", day(2), [LineInput(item="A", qty="5", price="1", location="L1")])
        doc("QTCK", day(3), [LineInput(item="A", qty="12")])  # 9 unlocated, then 3 at L1
    left = {r[0]: r[1] for r in execute("SELECT location_id, qty FROM stock_balance")}
    l1 = execute("SELECT id FROM location WHERE code = 'L1'").fetchone()[0]
    assert left == {l1: 20_000}  # no place went negative: 2 left at L1, none loose
    assert run_all() == []
