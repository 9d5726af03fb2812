"""Account balances for the books and statements, summed in SQL over voucher lines.

Every voucher counts, whatever its status (the books show made, reviewed and posted
vouchers alike; the month-end close refuses a month with unposted ones). Opening
balances (期初余额) count as activity before the company's first day. Sub-account
amounts roll up into their parents, so a level-1 row is the total of its subtree.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from jxc_desktop.engine.money import from_scaled
from jxc_desktop.models.accounting import Account
from jxc_desktop.models.db import execute

ZERO = Decimal(0)
PROFIT_AND_LOSS = "损益"


def _where(date_from, date_to, exclude_close: bool, partner_id) -> tuple[str, list]:
    clauses, params = [], []
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
    return (" AND ".join(clauses) or "1 = 1"), params


def activity(
    date_from: dt.date | None,
    date_to: dt.date | None,
    exclude_close: bool = False,
    partner_id: int | None = None,
) -> dict[int, tuple[Decimal, Decimal]]:
    """(debit, credit) per account id (leaf accounts, not rolled up) in a date range."""
    where, params = _where(date_from, date_to, exclude_close, partner_id)
    rows = execute(
        "SELECT l.account_id, SUM(l.debit), SUM(l.credit) FROM voucher_line l "
        f"JOIN voucher v ON v.id = l.voucher_id WHERE {where} GROUP BY l.account_id",
        params,
    ).fetchall()
    return {a: (from_scaled(d or 0, 2), from_scaled(c or 0, 2)) for a, d, c in rows}


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
