"""首页 经营概况: the month's trade, AR / AP, stock and cash, drafts — each the total of
the report a user would open to check it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from jxc_desktop.engine.reports import ReportParams
from jxc_desktop.engine.reports.overview import overview
from jxc_desktop.engine.reports.stock import balance_rows
from jxc_desktop.engine.reports.trade_ar import ar_aging_rows
from tests.finance_helpers import allow_money_documents, money_doc, setup_basic, trade_doc
from tests.inventory_helpers import day

pytest.importorskip("jxc_desktop.engine.trade.openitems")


def test_the_months_figures(company, monkeypatch):
    allow_money_documents(monkeypatch)
    setup_basic()
    trade_doc("CGRK", day(1), [("A", 10, "100", "13")], partner="S1")
    trade_doc("XSCK", day(2), [("A", 4, "150", "13")], partner="C1")
    money_doc("SKD", day(3), "100", "C1")
    trade_doc("XSCK", day(4), [("A", 1, "150", "13")], partner="C1", approve=False)
    trade_doc("XSCK", day(40), [("A", 2, "170", "13")], partner="C1")  # February
    jan = overview(day(31))
    assert (jan.start, jan.end) == (dt.date(2026, 1, 1), dt.date(2026, 1, 31))
    assert jan.sales == Decimal("600.00")  # 4 × 150, without tax
    assert jan.purchases == Decimal("1000.00")
    assert jan.gross_profit == Decimal("200.00")  # 600 less 4 × 100 at cost
    assert jan.receivable == Decimal("578.00")  # 678.00 with tax, less 100 received
    assert jan.payable == Decimal("1130.00")
    assert jan.cash == Decimal("100.00")
    assert jan.drafts == 1
    assert jan.stock_value == Decimal("400.00")  # now: 10 - 4 - 2 left at 100
    feb = overview(day(45))
    assert (feb.sales, feb.purchases, feb.gross_profit) == (
        Decimal("340.00"),
        Decimal("0.00"),
        Decimal("140.00"),
    )
    assert feb.receivable == Decimal("962.20")  # 578.00 + 2 × 170 × 1.13


def test_the_demo_agrees_with_its_reports_and_books(demo_company):
    from jxc_desktop.engine.finance.balances import net_at
    from jxc_desktop.models.accounting import Account
    from jxc_desktop.models.db import execute

    (last,) = execute("SELECT MAX(date) FROM document WHERE status = 'approved'").fetchone()
    today = dt.date.fromisoformat(str(last)[:10])
    figures = overview(today)
    stock = sum((r["value"] for r in balance_rows(ReportParams())), Decimal(0))
    assert figures.stock_value == stock and stock > 0
    receivable = sum((r["total"] for r in ar_aging_rows(ReportParams(date_to=today))), Decimal(0))
    assert figures.receivable == receivable
    net = net_at(today)
    ar_ids = {a.id for a in Account.select().where(Account.code.startswith("1122"))}
    assert figures.receivable == sum((net.get(i, 0) for i in ar_ids), Decimal(0))
    assert figures.sales > 0 and figures.cash > 0
