"""首页 经营概况: this month's trade, what is owed either way, stock and cash on hand, and
the documents still waiting for approval.

Each figure is the total of the report a user opens to check it, computed by that
report's own function: 销售汇总 and 采购汇总 (不含税金额, returns netted), 毛利分析,
应收 / 应付账龄 (余额), 库存余额表 (the cost pools' value) and the cash and bank accounts
(1001 / 1002 / 1012) as 科目余额表 and the 现金流量表 count them. The 首页 and the
reports therefore never disagree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from jxc_desktop.engine.finance.balances import net_at
from jxc_desktop.engine.finance.cashflow import CASH_ACCOUNTS
from jxc_desktop.engine.money import yuan
from jxc_desktop.engine.reports import ReportParams
from jxc_desktop.engine.reports.trade_ar import ap_aging_rows, ar_aging_rows
from jxc_desktop.engine.reports.trade_sales import gross_profit_rows, summary_rows
from jxc_desktop.models.accounting import Account
from jxc_desktop.models.db import execute
from jxc_desktop.models.documents import Document


@dataclass(frozen=True)
class Overview:
    start: dt.date  # the month's first day
    end: dt.date  # the day the figures are as of (today)
    sales: Decimal  # 不含税, this month, returns netted
    purchases: Decimal
    gross_profit: Decimal
    receivable: Decimal  # open items at `end`
    payable: Decimal
    stock_value: Decimal  # now
    cash: Decimal  # cash and bank at `end`
    drafts: int  # documents saved but not approved


def this_month(day: dt.date) -> tuple[dt.date, dt.date]:
    """The first day of `day`'s month, and `day`: what 本月 covers on the 首页."""
    return day.replace(day=1), day


def overview(today: dt.date | None = None) -> Overview:
    start, end = this_month(today or dt.date.today())
    month = ReportParams(date_from=start, date_to=end)
    as_of = ReportParams(date_to=end)
    (stock_fen,) = execute("SELECT COALESCE(SUM(value), 0) FROM cost_group").fetchone()
    # one pass over the month's sales lines: 毛利分析's revenue is 销售汇总's 不含税金额,
    # line by line (returns netted, at the document's rate)
    profit = gross_profit_rows(month)
    return Overview(
        start=start,
        end=end,
        sales=sum((r["revenue"] for r in profit), Decimal(0)),
        purchases=sum((r["amount"] for r in summary_rows("purchase", month, "month")), Decimal(0)),
        gross_profit=sum((r["profit"] for r in profit), Decimal(0)),
        receivable=sum((r["total"] for r in ar_aging_rows(as_of)), Decimal(0)),
        payable=sum((r["total"] for r in ap_aging_rows(as_of)), Decimal(0)),
        stock_value=yuan(stock_fen),
        cash=_cash(end),
        drafts=Document.select().where(Document.status == "draft").count(),
    )


def _cash(day: dt.date) -> Decimal:
    """Cash and bank (科目 1001 / 1002 / 1012 and their sub-accounts) at the end of day."""
    codes = dict(Account.select(Account.id, Account.code).tuples())
    return sum(
        (net for account_id, net in net_at(day).items() if codes[account_id][:4] in CASH_ACCOUNTS),
        Decimal(0),
    )
