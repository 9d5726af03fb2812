"""The 收发存 summary from the pools' kept flows equals re-summing the whole ledger.

The reference below is the summary as it was computed before the flows were kept: one
GROUP BY over every move up to the end date. The kept flows must give the same rows for
any period, after backdated documents, transfers, value adjustments, specific-cost
batches and un-approvals.
"""

from __future__ import annotations

import datetime as dt

import pytest
from inventory_helpers import day, doc, make_item, make_warehouse

from jxc_desktop.engine import checks, documents
from jxc_desktop.engine.documents import DocumentInput, LineInput
from jxc_desktop.engine.money import from_scaled
from jxc_desktop.engine.reports import ReportParams
from jxc_desktop.engine.reports.stock import summary_rows
from jxc_desktop.models.db import execute
from jxc_desktop.models.stock import fill_pool_flows

_DIRECTION = "CASE WHEN m.kind = 'move' THEN m.qty ELSE COALESCE(o.qty, 0) END"


def _reference(params: ReportParams) -> list[tuple]:
    start = str(params.date_from or dt.date(1900, 1, 1))
    end = str(params.date_to or dt.date(9999, 12, 31))
    rows = execute(
        "SELECT i.code, w.code, "
        "SUM(CASE WHEN m.date < ? THEN m.qty ELSE 0 END), "
        "SUM(CASE WHEN m.date < ? THEN m.value ELSE 0 END), "
        f"SUM(CASE WHEN m.date >= ? AND {_DIRECTION} >= 0 THEN m.qty ELSE 0 END), "
        f"SUM(CASE WHEN m.date >= ? AND {_DIRECTION} >= 0 THEN m.value ELSE 0 END), "
        f"SUM(CASE WHEN m.date >= ? AND {_DIRECTION} < 0 THEN -m.qty ELSE 0 END), "
        f"SUM(CASE WHEN m.date >= ? AND {_DIRECTION} < 0 THEN -m.value ELSE 0 END) "
        "FROM stock_move m LEFT JOIN stock_move o ON o.id = m.adjusts_id "
        "JOIN item i ON i.id = m.item_id JOIN warehouse w ON w.id = m.warehouse_id "
        "WHERE m.date <= ? GROUP BY i.code, w.code ORDER BY i.code, w.code",
        [start] * 6 + [end],
    ).fetchall()
    out = []
    for item, wh, oq, ov, iq, iv, xq, xv in rows:
        if any((oq, ov, iq, iv, xq, xv)):
            figures = (oq, ov, iq, iv, xq, xv, oq + iq - xq, ov + iv - xv)
            out.append(
                (item, wh, *(from_scaled(f, 4 if n % 2 == 0 else 2) for n, f in enumerate(figures)))
            )
    return out


_KEYS = (
    "item warehouse opening_qty opening_value in_qty in_value out_qty out_value "
    "closing_qty closing_value"
).split()


def _rows(params: ReportParams) -> list[tuple]:
    return [tuple(r[k] for k in _KEYS) for r in summary_rows(params)]


PERIODS = [
    (None, None),
    (day(1), day(31)),
    (day(5), None),
    (None, day(9)),
    (day(6), day(12)),
    (day(11), day(11)),
    (day(40), None),
    (None, day(0)),
]


@pytest.fixture
def history(company):
    make_warehouse("W1")
    make_warehouse("W2")
    make_item("A")
    make_item("F", method="fifo")
    make_item("S", method="specific", batch=True)
    doc("QTRK", day(3), [("A", 10, "2.00"), ("F", 5, "1.00")])
    doc("QTRK", day(3), [LineInput(item="S", qty="4", price="3", batch_no="B1")])
    doc("QTCK", day(8), [("A", 4), ("F", 2)])
    doc("DBD", day(9), [("A", 3)], dest="W2")
    doc("QTCK", day(12), [LineInput(item="S", qty="1", batch_no="B1")])
    doc("CBTZ", day(10), [LineInput(item="A", amount="1.50")])
    late = doc("QTCK", day(15), [("A", 1)])
    # backdated: re-values the issues and the transfer dated after it, in both warehouses
    doc("QTRK", day(5), [("A", 10, "5.00"), ("F", 1, "9.00")])
    doc("QTRK", day(7), [LineInput(item="S", qty="2", price="4", batch_no="B2")])
    documents.unapprove(late.id)
    return company


@pytest.mark.parametrize(("start", "end"), PERIODS)
def test_summary_equals_the_ledger_resummed(history, start, end):
    params = ReportParams(date_from=start, date_to=end)
    assert _rows(params) == _reference(params)


def test_summary_filters_by_item_and_warehouse(history):
    params = ReportParams(date_from=day(6), date_to=day(12), item="A", warehouse="W2")
    rows = _rows(params)
    assert rows == [r for r in _reference(params) if r[:2] == ("A", "W2")]
    assert len(rows) == 1


def test_flows_survive_a_backdated_unapprove_and_pass_the_check(history):
    first = documents.find_document("QTRK20260105-0001")
    documents.unapprove(first.id)
    for start, end in PERIODS:
        params = ReportParams(date_from=start, date_to=end)
        assert _rows(params) == _reference(params)
    assert not [v for v in checks.run_all() if "收发" in v or "in/out" in v]


def test_fill_pool_flows_rebuilds_them_from_the_ledger(history):
    flows = "SELECT id, in_qty, in_value, out_qty, out_value FROM cost_group ORDER BY id"
    before = execute(flows).fetchall()
    execute("UPDATE cost_group SET in_qty = 0, in_value = 0, out_qty = 0, out_value = 0")
    fill_pool_flows()
    after = execute(flows).fetchall()
    assert after == before


def test_a_draft_stocktake_counts_in_the_summary_only_once_approved(history):
    st = documents.save_draft(
        DocumentInput(
            "PDD", day(20), [LineInput(item="A", qty="20", book_qty=None)], warehouse="W1"
        )
    )
    params = ReportParams(date_from=day(16))
    assert _rows(params) == _reference(params)
    documents.approve(st.id)
    assert _rows(params) == _reference(params)


@pytest.mark.parametrize("side", ["up_to_end", "from_start"])
@pytest.mark.parametrize(("start", "end"), PERIODS[1:])
def test_either_side_of_the_ledger_gives_the_same_rows(history, monkeypatch, side, start, end):
    from jxc_desktop.engine.reports import stock as stock_reports

    def count(where, args):  # the side the report reads is the one that "counts" fewer
        return 0 if (args[0] == "0001-01-01") == (side == "up_to_end") else 1

    monkeypatch.setattr(stock_reports, "_count", count)
    params = ReportParams(date_from=start, date_to=end)
    assert _rows(params) == _reference(params)
