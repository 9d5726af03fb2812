"""Account balances for the books and statements, summed in SQL over voucher lines.

A closed month's totals are cached in `period_total` (see activity); the open months
are summed from their voucher lines. Every voucher counts, whatever its status (the books show made, reviewed and posted
vouchers alike; the month-end close refuses a month with unposted ones). Opening
balances (期初余额) count as activity before the company's first day. Sub-account
amounts roll up into their parents, so a level-1 row is the total of its subtree.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from jxc_desktop.engine.company import month_bounds, period_code
from jxc_desktop.engine.money import from_scaled
from jxc_desktop.models.accounting import Account
from jxc_desktop.models.db import execute

ZERO = Decimal(0)
PROFIT_AND_LOSS = "损益"


def _months(first: str, last: str) -> list[str]:
    """Every month code from `first` to `last`, inclusive."""
    year, month = (int(x) for x in first.split("-"))
    out = []
    while f"{year:04d}-{month:02d}" <= last:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def _split(date_from, date_to) -> tuple[list[str], list[str]]:
    """(cached months, live months) covering the range: a month is read from PeriodTotal
    when it is cached and lies wholly inside the range, else from the voucher lines."""
    row = execute("SELECT MIN(period), MAX(period) FROM voucher").fetchone()
    if row is None or row[0] is None:
        return [], []
    first = period_code(date_from) if date_from else row[0]
    last = period_code(date_to) if date_to else row[1]
    months = _months(max(first, row[0]), min(last, row[1]))
    marked = {p for (p,) in execute("SELECT period FROM period_total_mark").fetchall()}
    cached, live = [], []
    for code in months:
        start, end = month_bounds(code)
        whole = (date_from is None or date_from <= start) and (date_to is None or end <= date_to)
        (cached if whole and code in marked else live).append(code)
    return cached, live


def _marks(values: list) -> str:
    return ", ".join("?" for _ in values)


def _live(date_from, date_to, months, exclude_close, partner_id) -> list[tuple]:
    if not months:
        return []
    clauses, params = [f"v.period IN ({_marks(months)})"], list(months)
    if date_from is not None:
        clauses.append("v.date >= ?")
        params.append(date_from.isoformat())
    if date_to is not None:
        clauses.append("v.date <= ?")
        params.append(date_to.isoformat())
    if exclude_close:
        clauses.append("v.kind <> 'close'")
    if partner_id is not None:
        clauses.append("l.partner_id = ?")
        params.append(partner_id)
    return execute(
        "SELECT l.account_id, SUM(l.debit), SUM(l.credit) FROM voucher v "
        "JOIN voucher_line l ON l.voucher_id = v.id "
        f"WHERE {' AND '.join(clauses)} GROUP BY l.account_id",
        params,
    ).fetchall()


def _cached(months, exclude_close, partner_id) -> list[tuple]:
    if not months:
        return []
    clauses, params = [f"period IN ({_marks(months)})"], list(months)
    if exclude_close:
        clauses.append("closing = 0")
    if partner_id is not None:
        clauses.append("partner_id = ?")
        params.append(partner_id)
    return execute(
        "SELECT account_id, SUM(debit), SUM(credit) FROM period_total "
        f"WHERE {' AND '.join(clauses)} GROUP BY account_id",
        params,
    ).fetchall()


def activity(
    date_from: dt.date | None,
    date_to: dt.date | None,
    exclude_close: bool = False,
    partner_id: int | None = None,
) -> dict[int, tuple[Decimal, Decimal]]:
    """(debit, credit) per account id (leaf accounts, not rolled up) in a date range.

    Closed months wholly inside the range come from their PeriodTotal cache (written by
    the close); the rest is summed from the voucher lines of the other months only.
    """
    cached, live = _split(date_from, date_to)
    out: dict[int, tuple[Decimal, Decimal]] = {}
    for rows in (
        _cached(cached, exclude_close, partner_id),
        _live(date_from, date_to, live, exclude_close, partner_id),
    ):
        for a, d, c in rows:
            d0, c0 = out.get(a, (ZERO, ZERO))
            out[a] = (d0 + from_scaled(d or 0, 2), c0 + from_scaled(c or 0, 2))
    return out


def cache_period(code: str) -> None:
    """Stores a just-closed month's totals (call inside the close's transaction)."""
    execute(
        "INSERT INTO period_total (period, account_id, partner_id, closing, debit, credit) "
        "SELECT v.period, l.account_id, l.partner_id, "
        "CASE WHEN v.kind = 'close' THEN 1 ELSE 0 END, SUM(l.debit), SUM(l.credit) "
        "FROM voucher v JOIN voucher_line l ON l.voucher_id = v.id WHERE v.period = ? "
        "GROUP BY v.period, l.account_id, l.partner_id, CASE WHEN v.kind = 'close' THEN 1 ELSE 0 END",
        (code,),
    )
    execute("INSERT INTO period_total_mark (period) VALUES (?)", (code,))


def uncache_period(code: str) -> None:
    """Drops a month's totals when it is re-opened (its vouchers may change again)."""
    execute("DELETE FROM period_total WHERE period = ?", (code,))
    execute("DELETE FROM period_total_mark WHERE period = ?", (code,))


def opening_entries(partner_id: int | None = None) -> dict[int, tuple[Decimal, Decimal]]:
    sql = "SELECT account_id, SUM(debit), SUM(credit) FROM opening_balance"
    params: list = []
    if partner_id is not None:
        sql += " WHERE partner_id = ?"
        params.append(partner_id)
    rows = execute(sql + " GROUP BY account_id", params).fetchall()
    return {a: (from_scaled(d or 0, 2), from_scaled(c or 0, 2)) for a, d, c in rows}


def _add(a: dict, b: dict) -> dict:
    out = dict(a)
    for k, (d, c) in b.items():
        d0, c0 = out.get(k, (ZERO, ZERO))
        out[k] = (d0 + d, c0 + c)
    return out


def net_before(day: dt.date | None, partner_id: int | None = None) -> dict[int, Decimal]:
    """Debit-minus-credit balance per account id before `day` (None: nothing)."""
    totals = opening_entries(partner_id)
    if day is not None:
        totals = _add(totals, activity(None, day - dt.timedelta(days=1), partner_id=partner_id))
    return {k: d - c for k, (d, c) in totals.items()}


def net_at(day: dt.date, partner_id: int | None = None) -> dict[int, Decimal]:
    """Debit-minus-credit balance per account id at the end of `day`."""
    totals = _add(opening_entries(partner_id), activity(None, day, partner_id=partner_id))
    return {k: d - c for k, (d, c) in totals.items()}


class Chart:
    """The accounts with their parents, to roll leaf amounts up the tree."""

    def __init__(self):
        self.accounts = {a.id: a for a in Account.select().order_by(Account.code)}
        self.by_code = {a.code: a for a in self.accounts.values()}

    def chain(self, account_id: int) -> list[int]:
        out = []
        current = self.accounts.get(account_id)
        while current is not None:
            out.append(current.id)
            current = self.accounts.get(current.parent_id) if current.parent_id else None
        return out

    def roll_up(self, values: dict[int, Decimal]) -> dict[int, Decimal]:
        out: dict[int, Decimal] = defaultdict(lambda: ZERO)
        for account_id, value in values.items():
            for a in self.chain(account_id):
                out[a] += value
        return dict(out)

    def roll_up_pairs(self, values: dict[int, tuple]) -> dict[int, tuple]:
        out: dict[int, tuple] = {}
        for account_id, (d, c) in values.items():
            for a in self.chain(account_id):
                d0, c0 = out.get(a, (ZERO, ZERO))
                out[a] = (d0 + d, c0 + c)
        return out

    def code_net(self, values: dict[int, Decimal], code: str) -> Decimal:
        """The rolled-up debit-minus-credit of one account code (and its subtree)."""
        account = self.by_code.get(code)
        return values.get(account.id, ZERO) if account else ZERO

    def level1(self, account: Account) -> Account:
        while account.parent_id:
            account = self.accounts[account.parent_id]
        return account


def unclosed_profit(chart: Chart, net: dict[int, Decimal]) -> Decimal:
    """Profit not yet carried to 本年利润: minus the debit balance of the 损益 accounts."""
    return -sum(
        (v for a, v in net.items() if chart.accounts[a].category == PROFIT_AND_LOSS),
        ZERO,
    )
