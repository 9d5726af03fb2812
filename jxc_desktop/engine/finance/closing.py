"""月末结账 `jxc close YYYY-MM` and 反结账 `jxc reopen YYYY-MM`.

Close runs its checks first and refuses with EVERY reason found: earlier months still
open, documents of the month neither approved nor void, vouchers not yet posted, the
stock sub-ledger different from the inventory accounts, a foreign currency with a
balance but no month-end rate. Then, in one transaction:

0. 期末调汇 (fx.py): foreign-currency balances revalued at the month-end rate, the
   difference to 财务费用—汇兑损益 (voucher kind 'fx_revaluation').

1. 结转未交增值税: when 应交增值税 (222101) has a credit balance (销项 > 进项),
   Dr 22210104 转出未交增值税 / Cr 222102 未交增值税 for that balance; a debit
   balance (留抵进项) stays where it is for the next month.
2. 结转损益: every 损益 account's balance goes to 3103 本年利润; in the last month of
   the fiscal year 3103 is then carried to 310401 未分配利润.
3. The period is locked (Period.closed): the document framework and the voucher
   engine refuse any change dated in it.

Closing vouchers are kind 'close', posted, dated the month's last day. Re-open is
allowed for the latest closed month only, by an administrator: it DELETES that month's
closing vouchers (they are derived data, recomputed at the next close) and unlocks it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from jxc_desktop.engine.company import month_bounds
from jxc_desktop.engine.errors import JxcError, StateError
from jxc_desktop.engine.finance import balances, fx
from jxc_desktop.engine.finance.checks import inventory_differences
from jxc_desktop.engine.finance.ledger import Entry, write_voucher
from jxc_desktop.engine.finance.rules import RuleBook
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.money import format_money
from jxc_desktop.engine.session import audit, current_user
from jxc_desktop.models.base import now
from jxc_desktop.models.company import Company, Period
from jxc_desktop.models.db import write_transaction
from jxc_desktop.models.documents import Document
from jxc_desktop.models.finance import PeriodClose, Voucher, VoucherLine

ZERO = Decimal(0)


@dataclass
class CloseResult:
    period: str
    messages: list[str] = field(default_factory=list)


def _period(code: str) -> Period:
    try:
        month_bounds(code)
    except (ValueError, AttributeError) as exc:
        raise JxcError(tr("期间应为 YYYY-MM", "The period must be YYYY-MM")) from exc
    period = Period.get_or_none(Period.code == code)
    if period is None:
        raise JxcError(tr("期间 {p} 不存在", "No period {p}", p=code))
    return period


def close_problems(period: Period) -> list[str]:
    """Every reason the month cannot be closed (empty: it can)."""
    out = []
    if period.closed:
        out.append(tr("{p} 已结账", "{p} is already closed", p=period.code))
    for earlier in Period.select().where((Period.code < period.code) & (~Period.closed)):
        if _has_activity(earlier):
            out.append(tr("请先结账 {p}", "Close {p} first", p=earlier.code))
    drafts = Document.select().where(
        (Document.date >= period.start)
        & (Document.date <= period.end)
        & (Document.status == "draft")
    )
    for doc in drafts.order_by(Document.date, Document.id):
        out.append(tr("单据 {n} 未审核", "document {n} is not approved", n=doc.number))
    vouchers = Voucher.select().where(
        (Voucher.period == period.code) & (Voucher.status != "posted")
    )
    for v in vouchers.order_by(Voucher.number):
        out.append(tr("凭证 {n} 未记账", "voucher {n} is not posted", n=v.display_number))
    out += inventory_differences(period.end)
    out += fx.missing_rates(period.end)
    return out


def _has_activity(period: Period) -> bool:
    docs = Document.select().where((Document.date >= period.start) & (Document.date <= period.end))
    return docs.exists() or Voucher.select().where(Voucher.period == period.code).exists()


def _posted_fields() -> dict:
    user, stamp = current_user(), now()
    return {
        "kind": "close",
        "status": "posted",
        "maker": user,
        "reviewer": user,
        "reviewed_at": stamp,
        "poster": user,
        "posted_at": stamp,
    }


def _vat_transfer(period: Period, chart, rules: RuleBook) -> Voucher | None:
    net = chart.roll_up(balances.net_at(period.end))
    payable = -chart.code_net(net, "222101")
    if payable <= 0:
        return None
    entries = [
        Entry(rules.debit("vat_transfer"), payable),
        Entry(rules.credit("vat_transfer"), -payable),
    ]
    return write_voucher(
        period.end, tr("结转未交增值税", "VAT payable carried forward"), entries, **_posted_fields()
    )


def _carry_profit(period: Period, chart, rules: RuleBook) -> tuple[Voucher | None, Decimal]:
    leaf = balances.net_at(period.end)
    entries, profit = [], ZERO
    for account_id, value in sorted(leaf.items()):
        account = chart.accounts[account_id]
        if account.category != balances.PROFIT_AND_LOSS or not value:
            continue
        entries.append(Entry(account.code, -value))
        profit -= value
    if not entries:
        return None, ZERO
    entries.append(Entry(rules.credit("profit"), -profit))
    voucher = write_voucher(
        period.end, tr("结转损益", "Profit and loss carried forward"), entries, **_posted_fields()
    )
    return voucher, profit


def _year_end(period: Period) -> bool:
    start_month = Company.select().first().fiscal_year_start_month
    return period.end.month == (start_month - 2) % 12 + 1


def _carry_year(period: Period, chart, rules: RuleBook) -> Voucher | None:
    net = chart.roll_up(balances.net_at(period.end))
    balance = chart.code_net(net, rules.credit("profit"))
    if not balance:
        return None
    entries = [Entry(rules.credit("profit"), -balance), Entry(rules.credit("retained"), balance)]
    return write_voucher(
        period.end,
        tr("结转本年利润", "Year's profit to retained earnings"),
        entries,
        **_posted_fields(),
    )


def close(code: str) -> CloseResult:
    """Runs the month-end close; raises with every reason when it cannot close."""
    with write_transaction():
        period = _period(code)
        problems = close_problems(period)
        if problems:
            raise StateError(
                tr("{p} 不能结账：", "{p} cannot be closed:", p=code)
                + "\n  "
                + "\n  ".join(problems)
            )
        result = CloseResult(code)
        from jxc_desktop.engine.inventory.periodic import settle_periodic

        result.messages += settle_periodic(code)  # before the profit is carried
        revaluation = fx.write_revaluation(period.end)  # its difference is carried too
        if revaluation is not None:
            result.messages.append(fx.fx_message(revaluation))
        chart, rules = balances.Chart(), RuleBook()
        vat = _vat_transfer(period, chart, rules)
        if vat is not None:
            result.messages.append(
                tr("结转未交增值税 {v}", "VAT carried: {v}", v=vat.display_number)
            )
        voucher, profit = _carry_profit(period, chart, rules)
        result.messages.append(
            tr("结转损益：本期利润 {p}", "Profit carried to 3103: {p}", p=format_money(profit))
            + (f" ({voucher.display_number})" if voucher else "")
        )
        if _year_end(period):
            year = _carry_year(period, chart, rules)
            if year is not None:
                result.messages.append(
                    tr(
                        "本年利润转入未分配利润 {v}",
                        "Year's profit to 310401: {v}",
                        v=year.display_number,
                    )
                )
        period.closed, period.closed_at, period.closed_by = True, now(), _username()
        period.save()
        balances.cache_period(code)  # the month can no longer change: keep its totals
        PeriodClose.create(
            period=code, action="close", username=_username(), detail="\n".join(result.messages)
        )
        audit("period.close", code)
        result.messages.append(tr("{p} 已结账", "{p} closed", p=code))
    return result


def _username() -> str:
    user = current_user()
    return user.username if user else ""


def reopen(code: str) -> CloseResult:
    """反结账 of the latest closed month: its closing vouchers are deleted, the lock lifted."""
    with write_transaction():
        period = _period(code)
        if not period.closed:
            raise StateError(tr("{p} 未结账", "{p} is not closed", p=code))
        later = Period.select().where((Period.code > code) & Period.closed).exists()
        if later:
            raise StateError(
                tr("只能反结账最后一个已结账期间", "Only the latest closed period can be re-opened")
            )
        user = current_user()
        if user is None or not user.is_admin:
            raise StateError(tr("没有反结账权限", "You may not re-open a period"))
        closing = Voucher.select(Voucher.id).where(
            (Voucher.period == code) & (Voucher.kind.in_(("close", fx.KIND)))
        )
        ids = [v.id for v in closing]
        VoucherLine.delete().where(VoucherLine.voucher.in_(ids)).execute()
        Voucher.delete().where(Voucher.id.in_(ids)).execute()
        balances.uncache_period(code)
        period.closed, period.closed_at, period.closed_by = False, None, None
        period.save()
        PeriodClose.create(
            period=code,
            action="reopen",
            username=_username(),
            detail=f"deleted {len(ids)} closing vouchers",
        )
        audit("period.reopen", code)
    return CloseResult(
        code,
        [
            tr(
                "{p} 已反结账，删除结账凭证 {n} 张",
                "{p} re-opened; {n} closing vouchers deleted",
                p=code,
                n=len(ids),
            )
        ],
    )
