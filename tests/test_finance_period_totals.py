"""Closed months' totals are cached: every range reads the same balances with the cache
as from the voucher lines; re-opening drops the cache; `jxc check` compares them."""

from __future__ import annotations

import datetime as dt

from jxc_desktop.engine.checks import run_all
from jxc_desktop.engine.finance import balances, closing
from jxc_desktop.models.db import execute
from jxc_desktop.models.finance import PeriodTotal, PeriodTotalMark
from tests.finance_helpers import setup_basic, trade_doc
from tests.inventory_helpers import day, doc

RANGES = [
    (None, dt.date(2026, 2, 28)),
    (dt.date(2026, 1, 1), dt.date(2026, 1, 31)),
    (dt.date(2026, 1, 10), dt.date(2026, 2, 15)),
    (dt.date(2026, 1, 1), dt.date(2026, 2, 28)),
    (dt.date(2026, 2, 1), None),
]


def every_reading(c1_id):
    out = []
    for lo, hi in RANGES:
        for exclude in (False, True):
            out.append(balances.activity(lo, hi, exclude_close=exclude))
            out.append(balances.activity(lo, hi, exclude_close=exclude, partner_id=c1_id))
    return out


def test_cache_reads_like_the_lines(company):
    from jxc_desktop.models.masterdata import Partner

    setup_basic()
    doc("QCKC", day(1), [("A", 10, "5")])
    trade_doc("XSCK", day(12), [("A", 2, "20", "13")], partner="C1")
    trade_doc("XSCK", day(40), [("A", 3, "20", "13")], partner="C1")
    closing.close("2026-01")
    assert PeriodTotalMark.select().count() == 1 and PeriodTotal.select().count() > 0
    c1 = Partner.get(Partner.code == "C1").id
    cached = every_reading(c1)
    execute("DELETE FROM period_total_mark")  # the same readings from the voucher lines
    assert every_reading(c1) == cached
    execute("INSERT INTO period_total_mark (period) VALUES ('2026-01')")
    assert run_all() == []
    PeriodTotal.update(debit=PeriodTotal.debit + 1).where(PeriodTotal.id == 1).execute()
    assert [name for name, _ in run_all()] == ["period_totals"]
    PeriodTotal.update(debit=PeriodTotal.debit - 1).where(PeriodTotal.id == 1).execute()
    closing.reopen("2026-01")
    assert not PeriodTotal.select().exists() and not PeriodTotalMark.select().exists()
