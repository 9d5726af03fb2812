"""The approve path reads in bulk: its query count does not grow with the line count.

The ledger, the postings and the voucher builder read a document's lines, items,
balances, batches and cost pools with a few queries per document; a per-line query
(the one-query-per-row pattern peewee's `assert_query_count` exists to catch) would
make a 1,000-line approval a thousand round trips.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from inventory_helpers import day, doc, make_item, make_warehouse, on_hand, pool

from jxc_desktop.engine import documents
from jxc_desktop.engine.documents import DocumentInput, LineInput
from jxc_desktop.engine.errors import ValidationError
from jxc_desktop.engine.inventory import batches
from jxc_desktop.models.db import database
from jxc_desktop.models.masterdata import Batch, Item
from jxc_desktop.models.stock import StockMove


class _Counter:
    def __init__(self, monkeypatch):
        self.n = 0
        db = database.obj
        original = db.execute_sql

        def counting(sql, params=None, *args, **kw):
            self.n += 1
            return original(sql, params, *args, **kw)

        monkeypatch.setattr(db, "execute_sql", counting)


def _approve_counting(monkeypatch, data: DocumentInput) -> int:
    draft = documents.save_draft(data)
    counter = _Counter(monkeypatch)
    documents.approve(draft.id)
    monkeypatch.undo()
    return counter.n


def _items(prefix: str, n: int, **kw) -> list[str]:
    return [make_item(f"{prefix}{i:03d}", **kw).code for i in range(n)]


@pytest.mark.parametrize("method", ["moving_average", "fifo"])
def test_receipt_and_issue_queries_do_not_grow_with_lines(company, monkeypatch, method):
    make_warehouse("W1", locations=["A"])
    few, many = _items("F", 3, method=method), _items("M", 40, method=method)
    make_item("WARM")
    doc("QTRK", day(1), [("WARM", 1, "1.00")])  # first-use work (rules, settings) done
    counts = {}
    for label, codes in (("few", few), ("many", many)):
        receipt = [LineInput(item=c, qty="10", price="2.50") for c in codes]
        counts[label, "QTRK"] = _approve_counting(
            monkeypatch, DocumentInput("QTRK", day(1), receipt, warehouse="W1")
        )
        issue = [LineInput(item=c, qty="4") for c in codes]
        counts[label, "QTCK"] = _approve_counting(
            monkeypatch, DocumentInput("QTCK", day(2), issue, warehouse="W1")
        )
        moves = [LineInput(item=c, qty="1", dest_location="A") for c in codes]
        counts[label, "DBD"] = _approve_counting(
            monkeypatch, DocumentInput("DBD", day(3), moves, warehouse="W1", dest_warehouse="W1")
        )
    for kind in ("QTRK", "QTCK", "DBD"):
        assert counts["many", kind] == counts["few", kind], (kind, counts)
    assert pool("M000") == (Decimal("6.0000"), Decimal("15.00"))
    assert on_hand("M039") == Decimal("6.0000")


def test_batch_lines_are_read_and_created_in_bulk(company, monkeypatch):
    make_warehouse("W1")
    make_item("WARM")
    doc("QTRK", day(1), [("WARM", 1, "1.00")])
    few = _items("F", 2, batch=True, shelf_life=30)
    many = _items("M", 30, batch=True, shelf_life=30)
    counts = []
    for codes in (few, many):
        lines = [
            LineInput(item=c, qty="5", price="1", batch_no=b, production_date=day(1))
            for c in codes
            for b in ("B1", "B2")
        ]
        counts.append(
            _approve_counting(monkeypatch, DocumentInput("QTRK", day(1), lines, warehouse="W1"))
        )
        # an issue that leaves the batch open: allocated first-expiry-first-out
        issue = [LineInput(item=c, qty="7") for c in codes]
        counts.append(
            _approve_counting(monkeypatch, DocumentInput("QTCK", day(2), issue, warehouse="W1"))
        )
    assert counts[0] == counts[2] and counts[1] == counts[3], counts
    batch = Batch.get((Batch.item == Item.get(Item.code == "M007").id) & (Batch.batch_no == "B1"))
    assert batch.expiry_date == day(1) + dt.timedelta(days=30)
    taken = {
        m.batch_no: m.qty
        for m in StockMove.select().where(
            (StockMove.item == Item.get(Item.code == "M007").id) & (StockMove.qty < 0)
        )
    }
    assert taken == {"B1": Decimal("-5.0000"), "B2": Decimal("-2.0000")}


def test_ensure_batches_keeps_the_first_lines_dates(company):
    item = Item.get_by_id(make_item("P", batch=True).id)
    batches.ensure_batches(
        [
            (item, "L1", dt.date(2026, 1, 1), dt.date(2026, 6, 1)),
            (item, "L1", dt.date(2026, 2, 1), dt.date(2026, 7, 1)),
        ]
    )
    row = Batch.get((Batch.item == item) & (Batch.batch_no == "L1"))
    assert (row.production_date, row.expiry_date) == (dt.date(2026, 1, 1), dt.date(2026, 6, 1))
    batches.ensure_batches([(item, "L1", None, dt.date(2027, 1, 1))])  # exists: unchanged
    assert Batch.select().where(Batch.item == item).count() == 1


def test_an_unknown_partner_or_warehouse_is_a_problem_not_a_crash(company):
    make_item("A")
    make_warehouse("W1")
    with pytest.raises(ValidationError) as caught:
        documents.save_draft(
            DocumentInput(
                "XSCK", day(1), [LineInput(item="A", qty="1")], partner="NOPE", warehouse="W9"
            )
        )
    text = " ".join(p.message for p in caught.value.problems)
    assert "往来单位“NOPE”不存在" in text and "仓库“W9”不存在" in text


def test_a_return_names_its_delivery_lines_in_one_read(company):
    from trade_helpers import customer, trade_doc

    make_warehouse("W1")
    customer("C1")
    for code in ("A", "B"):
        make_item(code)
    doc("QTRK", day(1), [("A", 10, "3.00"), ("B", 10, "5.00")])
    delivery, _ = trade_doc(
        "XSCK", day(2), "C1", [("A", 4, "9.00"), ("B", 2, "9.00")], warehouse="W1"
    )
    doc("QTRK", day(3), [("A", 10, "7.00")])
    lines = list(delivery.lines.order_by(documents.DocumentLine.line_no))
    back = documents.save_draft(
        DocumentInput(
            "XSTH",
            day(4),
            [
                LineInput(item="A", qty="1", price="9", source_line=lines[0]),
                LineInput(item="B", qty="1", price="9", source_line=lines[1]),
            ],
            partner="C1",
            warehouse="W1",
        )
    )
    documents.approve(back.id)
    values = {
        m.item.code: m.value
        for m in StockMove.select().where((StockMove.document == back.id) & (StockMove.qty > 0))
    }
    assert values == {"A": Decimal("3.00"), "B": Decimal("5.00")}  # at the delivery's cost
