"""期末调汇: month-end revaluation of foreign-currency balances.

Which balances: every voucher line in a currency other than CNY on 1122 应收账款 or
2202 应付账款 (always), or on an account listed in `fx_account` (外币核算科目, e.g. a
USD bank sub-account), with its sub-accounts. They are grouped by account, partner and
currency; each group's original-currency balance (Σ original amounts, signed by side)
is valued at the month-end rate — the latest ExchangeRate dated on or before the last
day of the month — and the difference to its CNY balance (which includes earlier
revaluations) is posted against 财务费用—汇兑损益 (rule `fx_revaluation`, default
560302) in one posted voucher of kind 'fx_revaluation' dated the month end.

A settled foreign item leaves an original balance of 0 with a CNY remainder (paid at
another rate than it was booked); the revaluation clears that remainder, which is the
realised exchange difference. Revaluation lines carry the currency and rate but an
original amount of 0, so the original-currency balances stay as they were.

The month-end close runs it before 结转损益 (so the difference is carried to 本年利润),
refuses when a currency with a balance has no rate, and re-opening the month deletes
the voucher with the closing entries. `jxc fx revalue YYYY-MM` runs it alone; running it
twice writes nothing the second time (the balances already agree).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from jxc_desktop.engine import money
from jxc_desktop.engine.company import is_period_closed
from jxc_desktop.engine.errors import JxcError, StateError
from jxc_desktop.engine.finance.ledger import Entry, write_voucher
from jxc_desktop.engine.finance.rules import RuleBook
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.session import audit, current_user
from jxc_desktop.models.accounting import Account
from jxc_desktop.models.base import now
from jxc_desktop.models.db import execute, write_transaction
from jxc_desktop.models.finance import FxAccount, Voucher
from jxc_desktop.models.masterdata import Currency, ExchangeRate

ZERO = Decimal(0)
ALWAYS = ("1122", "2202")
FALLBACK_ACCOUNT = "560302"  # 财务费用—汇兑损益, for companies seeded before the rule existed
KIND = "fx_revaluation"


@dataclass(frozen=True)
class FxBalance:
    account_id: int
    account: str
    partner_id: int | None
    currency: str
    original: Decimal  # signed, debit positive, in `currency`
    booked: Decimal  # signed CNY balance


def flag_account(code: str, currency: str = "", on: bool = True) -> None:
    """Marks an account (and its subtree) as kept in a foreign currency, or unmarks it."""
    account = Account.get_or_none(Account.code == code.strip())
    if account is None:
        raise JxcError(tr("科目 {c} 不存在", "Account {c} does not exist", c=code), "account")
    with write_transaction():
        FxAccount.delete().where(FxAccount.account == account).execute()
        if on:
            FxAccount.create(account=account, currency=currency.strip().upper())
        audit("fx.flag" if on else "fx.unflag", account.code)


def flagged_accounts() -> list[tuple[str, str, str]]:
    """(code, name, currency) of every account marked 外币核算."""
    query = FxAccount.select(FxAccount, Account).join(Account).order_by(Account.code)
    return [(fa.account.code, fa.account.name, fa.currency) for fa in query]


def foreign_currencies() -> list[str]:
    """The active currency codes other than CNY, the choices for flagging an account."""
    query = Currency.select(Currency.code).where(Currency.active & (Currency.code != "CNY"))
    return [c.code for c in query.order_by(Currency.code)]


def revalued_account_ids() -> list[int]:
    """1122, 2202 and the flagged accounts, each with its whole subtree."""
    roots = set(ALWAYS) | {
        fa.account.code for fa in FxAccount.select(FxAccount, Account).join(Account)
    }
    accounts = list(Account.select(Account.id, Account.code, Account.parent))
    by_id = {a.id: a for a in accounts}
    out = []
    for a in accounts:
        node = a
        while node is not None and node.code not in roots:
            node = by_id.get(node.parent_id) if node.parent_id else None
        if node is not None:
            out.append(a.id)
    return out


def foreign_balances(day: dt.date) -> list[FxBalance]:
    """Balances in a foreign currency at the end of `day`, per account, partner, currency."""
    ids = revalued_account_ids()
    if not ids:
        return []
    marks = ", ".join("?" for _ in ids)
    rows = execute(
        "SELECT l.account_id, a.code, l.partner_id, l.currency, "
        "SUM(CASE WHEN l.debit <> 0 THEN l.original_amount ELSE -l.original_amount END), "
        "SUM(l.debit) - SUM(l.credit) FROM voucher_line l "
        "JOIN voucher v ON v.id = l.voucher_id JOIN account a ON a.id = l.account_id "
        f"WHERE v.date <= ? AND l.currency <> 'CNY' AND l.account_id IN ({marks}) "
        "GROUP BY l.account_id, a.code, l.partner_id, l.currency "
        "ORDER BY a.code, l.partner_id, l.currency",
        [day.isoformat(), *ids],
    ).fetchall()
    return [
        FxBalance(a, code, p, cur, money.from_scaled(o or 0, 2), money.from_scaled(b or 0, 2))
        for a, code, p, cur, o, b in rows
    ]


def month_end_rate(currency: str, day: dt.date) -> Decimal | None:
    """CNY per unit of `currency` in force on `day` (the latest rate dated on or before)."""
    row = (
        ExchangeRate.select(ExchangeRate.rate)
        .where((ExchangeRate.currency == currency) & (ExchangeRate.date <= day))
        .order_by(ExchangeRate.date.desc())
        .first()
    )
    return row.rate if row else None


def missing_rates(day: dt.date) -> list[str]:
    """A message per currency with a balance to revalue but no rate on or before `day`."""
    currencies = sorted({b.currency for b in foreign_balances(day) if b.original or b.booked})
    return [
        tr(
            "缺少 {c} 在 {d} 的汇率（期末调汇）",
            "No {c} exchange rate on or before {d} (period-end revaluation)",
            c=c,
            d=day.isoformat(),
        )
        for c in currencies
        if month_end_rate(c, day) is None
    ]


def revaluation_entries(day: dt.date) -> list[Entry]:
    """The entries that bring every foreign balance to its value at the rate of `day`."""
    try:
        counter = RuleBook().debit(KIND) or FALLBACK_ACCOUNT
    except JxcError:  # a company seeded before the rule existed: the standard sub-account
        counter = FALLBACK_ACCOUNT
    summary = tr("期末调汇", "Period-end FX revaluation")
    entries: list[Entry] = []
    for b in foreign_balances(day):
        rate = month_end_rate(b.currency, day)
        if rate is None:
            continue
        difference = money.money(b.original * rate) - b.booked
        if not difference:
            continue
        line = tr("调汇 {c} @{r}", "revalue {c} @{r}", c=b.currency, r=rate.normalize())
        entries.append(
            Entry(
                b.account,
                difference,
                summary=f"{summary} {line}",
                partner_id=b.partner_id,
                currency=b.currency,
                rate=rate,
            )
        )
        entries.append(Entry(counter, -difference, summary=summary))
    return entries


def _posted() -> dict:
    user, stamp = current_user(), now()
    return {
        "kind": KIND,
        "status": "posted",
        "maker": user,
        "reviewer": user,
        "reviewed_at": stamp,
        "poster": user,
        "posted_at": stamp,
    }


def write_revaluation(day: dt.date) -> Voucher | None:
    """Writes the revaluation voucher at `day` (inside a write transaction); None if none."""
    problems = missing_rates(day)
    if problems:
        raise StateError("\n".join(problems))
    return write_voucher(
        day, tr("期末调汇", "Period-end FX revaluation"), revaluation_entries(day), **_posted()
    )


def revalue(code: str) -> list[str]:
    """`jxc fx revalue YYYY-MM`: revalues an open month; returns what it did."""
    from jxc_desktop.engine.finance.closing import _period

    with write_transaction():
        period = _period(code)
        if is_period_closed(period.end):
            raise StateError(tr("{p} 已结账", "{p} is already closed", p=code))
        voucher = write_revaluation(period.end)
        if voucher is None:
            return [tr("期末调汇：无差额", "FX revaluation: nothing to adjust")]
        audit("fx.revalue", f"{code} {voucher.display_number}")
        return [fx_message(voucher)]


def fx_message(voucher: Voucher) -> str:
    """'期末调汇 记-0007：汇兑收益 20.00' for the close log and the CLI."""
    net = sum((ln.credit - ln.debit for ln in voucher.lines if ln.currency == "CNY"), ZERO)
    return tr(
        "期末调汇 {v}：汇兑损益 {a}（正数为收益）",
        "FX revaluation {v}: exchange result {a} (positive: gain)",
        v=voucher.display_number,
        a=money.format_money(net),
    )
