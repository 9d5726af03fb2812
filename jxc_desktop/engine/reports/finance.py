"""Finance books: voucher list, trial balance (科目余额表), general and detail ledgers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from peewee import JOIN

from jxc_desktop.engine import lookup
from jxc_desktop.engine.errors import JxcError
from jxc_desktop.engine.finance import balances
from jxc_desktop.engine.finance.voucher_view import status_label
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.reports import Column, Report, ReportParams, register
from jxc_desktop.models.accounting import Account
from jxc_desktop.models.documents import Document
from jxc_desktop.models.finance import Voucher, VoucherLine
from jxc_desktop.models.masterdata import Partner

ZERO = Decimal(0)


def _partner_id(params: ReportParams) -> int | None:
    if not params.partner:
        return None
    partner = lookup.partner_by_code(params.partner)
    if partner is None:
        raise JxcError(tr("往来单位 {c} 不存在", "Partner {c} does not exist", c=params.partner))
    return partner.id


def _vouchers(params: ReportParams) -> list[dict]:
    # account, partner and source document joined in: one query, not three per line
    query = (
        VoucherLine.select(VoucherLine, Voucher, Document, Account, Partner)
        .join(Voucher)
        .join(Document, JOIN.LEFT_OUTER, on=(Voucher.source == Document.id))
        .switch(VoucherLine)
        .join(Account)
        .switch(VoucherLine)
        .join(Partner, JOIN.LEFT_OUTER)
        .order_by(Voucher.date, Voucher.period, Voucher.number, VoucherLine.line_no)
    )
    if params.date_from:
        query = query.where(Voucher.date >= params.date_from)
    if params.date_to:
        query = query.where(Voucher.date <= params.date_to)
    pid = _partner_id(params)
    if pid is not None:
        query = query.where(VoucherLine.partner == pid)
    rows, names = [], _cash_flow_names()
    for line in query:
        v = line.voucher
        rows.append(
            {
                "date": v.date,
                "number": v.display_number,
                "summary": line.summary,
                "account": line.account.code,
                "account_name": line.account.name,
                "debit": line.debit,
                "credit": line.credit,
                "partner": line.partner.code if line.partner_id else "",
                "partner_name": line.partner.name if line.partner_id else "",
                "source": v.source.number if v.source_id else "",
                "status": v.status,
                "status_label": status_label(v.status),
                "cash_flow_item": line.cash_flow_item,
                "cash_flow_item_label": names.get(line.cash_flow_item, line.cash_flow_item),
            }
        )
    return rows


def _cash_flow_names() -> dict:
    """现金流量项目 name by code ('' stays ''); the statutory names until a company's
    items are seeded."""
    from jxc_desktop.engine.finance.cashflow import ITEMS
    from jxc_desktop.engine.reports.finance_statement_names import line_name
    from jxc_desktop.models.finance import CashFlowItem

    names = {code: name for code, name, _direction in ITEMS}
    names.update((item.code, item.name) for item in CashFlowItem.select())
    # the statement's own words for its lines, in English too
    return {code: line_name(name) for code, name in names.items()} | {"": "", None: ""}


def _sides(net: Decimal) -> tuple[Decimal, Decimal]:
    return (net, ZERO) if net >= 0 else (ZERO, -net)


def _range(params: ReportParams) -> tuple[dt.date, dt.date]:
    today = dt.date.today()
    date_to = params.date_to or today
    date_from = params.date_from or date_to.replace(day=1)
    return date_from, date_to


def _trial_balance(params: ReportParams) -> list[dict]:
    date_from, date_to = _range(params)
    pid = _partner_id(params)
    chart = balances.Chart()
    opening = chart.roll_up(balances.net_before(date_from, pid))
    moves = chart.roll_up_pairs(balances.activity(date_from, date_to, partner_id=pid))
    rows, totals = [], [ZERO] * 6
    for account in chart.accounts.values():
        o = opening.get(account.id, ZERO)
        d, c = moves.get(account.id, (ZERO, ZERO))
        if not (o or d or c):
            continue
        od, oc = _sides(o)
        cd, cc = _sides(o + d - c)
        row = [od, oc, d, c, cd, cc]
        if account.level == 1:
            totals = [t + x for t, x in zip(totals, row, strict=True)]
        rows.append(_tb_row(account.code, account.name, account.level, row))
    # the total row has no level: None prints as an empty cell (the key stays in JSON)
    rows.append(_tb_row("", tr("合计", "Total"), None, totals))
    return rows


def _tb_row(code: str, name: str, level: int | None, values: list) -> dict:
    keys = ["opening_debit", "opening_credit", "debit", "credit", "closing_debit", "closing_credit"]
    return {"account": code, "name": name, "level": level, **dict(zip(keys, values, strict=True))}


def _direction(net: Decimal) -> str:
    return "借" if net > 0 else ("贷" if net < 0 else "平")


def _account_param(params: ReportParams, chart) -> list:
    code = params.extra.get("account", "")
    if not code:
        return [a for a in chart.accounts.values() if a.level == 1]
    account = chart.by_code.get(code)
    if account is None:
        raise JxcError(tr("科目 {c} 不存在", "Account {c} does not exist", c=code))
    return [account]


def _general_ledger(params: ReportParams) -> list[dict]:
    date_from, date_to = _range(params)
    chart = balances.Chart()
    opening = chart.roll_up(balances.net_before(date_from))
    moves = chart.roll_up_pairs(balances.activity(date_from, date_to))
    rows = []
    for account in _account_param(params, chart):
        o = opening.get(account.id, ZERO)
        d, c = moves.get(account.id, (ZERO, ZERO))
        if not (o or d or c) and not params.extra.get("account"):
            continue
        base = {"account": account.code, "name": account.name}
        rows.append(
            {
                **base,
                "date": date_from,
                "summary": tr("期初余额", "Opening balance"),
                "debit": ZERO,
                "credit": ZERO,
                "direction": _direction(o),
                "balance": abs(o),
            }
        )
        rows.append(
            {
                **base,
                "date": date_to,
                "summary": tr("本期合计", "Period total"),
                "debit": d,
                "credit": c,
                "direction": _direction(o + d - c),
                "balance": abs(o + d - c),
            }
        )
    return rows


def _detail_ledger(params: ReportParams) -> list[dict]:
    date_from, date_to = _range(params)
    chart = balances.Chart()
    pid = _partner_id(params)
    before = balances.net_before(date_from, pid)
    rows = []
    for account in _account_param(params, chart):
        ids = [a.id for a in chart.accounts.values() if account.id in chart.chain(a.id)]
        running = sum((before.get(i, ZERO) for i in ids), ZERO)
        query = (
            VoucherLine.select(VoucherLine, Voucher)
            .join(Voucher)
            .where(
                VoucherLine.account.in_(ids)
                & (Voucher.date >= date_from)
                & (Voucher.date <= date_to)
            )
            .order_by(Voucher.date, Voucher.number, VoucherLine.line_no)
        )
        if pid is not None:
            query = query.where(VoucherLine.partner == pid)
        lines = list(query)
        if not lines and not running and not params.extra.get("account"):
            continue
        rows.append(
            _detail_row(
                account, date_from, "", tr("期初余额", "Opening balance"), ZERO, ZERO, running, ""
            )
        )
        for line in lines:
            running += line.debit - line.credit
            rows.append(
                _detail_row(
                    account,
                    line.voucher.date,
                    line.voucher.display_number,
                    line.summary,
                    line.debit,
                    line.credit,
                    running,
                    line.partner.code if line.partner_id else "",
                )
            )
    return rows


def _detail_row(account, date, number, summary, debit, credit, balance, partner) -> dict:
    return {
        "account": account.code,
        "name": account.name,
        "date": date,
        "number": number,
        "summary": summary,
        "debit": debit,
        "credit": credit,
        "partner": partner,
        "direction": _direction(balance),
        "balance": abs(balance),
    }


def _reconciliation(params: ReportParams) -> list[dict]:
    from jxc_desktop.engine.finance import reconcile

    day = params.date_to or reconcile.FAR
    return [r.as_dict() for r in reconcile.reconcile(day, _partner_id(params))]


_M = "money"
register(
    Report(
        "reconciliation",
        "对账",
        "Reconciliation",
        [
            Column("section", "类别", "Section"),
            Column("section_label", "类别", "Section"),
            Column("account", "科目", "Account"),
            Column("partner", "往来单位", "Partner"),
            Column("document", "单据/凭证", "Document"),
            Column("date", "日期", "Date", "date"),
            Column("subledger", "明细账金额", "Sub-ledger", _M),
            Column("gl", "总账金额", "GL", _M),
            Column("difference", "差额", "Difference", _M),
        ],
        _reconciliation,
    )
)
register(
    Report(
        "vouchers",
        "凭证列表",
        "Vouchers",
        [
            Column("date", "日期", "Date", "date"),
            Column("number", "凭证号", "Number"),
            Column("summary", "摘要", "Summary"),
            Column("account", "科目编码", "Account"),
            Column("account_name", "科目名称", "Account name"),
            Column("debit", "借方金额", "Debit", _M),
            Column("credit", "贷方金额", "Credit", _M),
            Column("partner", "往来单位", "Partner"),
            Column("partner_name", "往来单位名称", "Partner name"),
            Column("source", "来源单据", "Source"),
            Column("status", "状态", "Status"),
            Column("status_label", "状态", "Status"),
            Column("cash_flow_item", "现金流量项目", "Cash-flow item"),
            Column("cash_flow_item_label", "现金流量项目", "Cash-flow item"),
        ],
        _vouchers,
    )
)
register(
    Report(
        "trial-balance",
        "科目余额表",
        "Trial balance",
        [
            Column("account", "科目编码", "Account"),
            Column("name", "科目名称", "Name"),
            Column("level", "级次", "Level", "int"),
            Column("opening_debit", "期初借方", "Opening debit", _M),
            Column("opening_credit", "期初贷方", "Opening credit", _M),
            Column("debit", "本期借方", "Debit", _M),
            Column("credit", "本期贷方", "Credit", _M),
            Column("closing_debit", "期末借方", "Closing debit", _M),
            Column("closing_credit", "期末贷方", "Closing credit", _M),
        ],
        _trial_balance,
    )
)
_LEDGER_COLUMNS = [
    Column("account", "科目编码", "Account"),
    Column("name", "科目名称", "Name"),
    Column("date", "日期", "Date", "date"),
    Column("summary", "摘要", "Summary"),
    Column("debit", "借方", "Debit", _M),
    Column("credit", "贷方", "Credit", _M),
    Column("direction", "方向", "Direction"),
    Column("balance", "余额", "Balance", _M),
]
register(Report("general-ledger", "总分类账", "General ledger", _LEDGER_COLUMNS, _general_ledger))
register(
    Report(
        "detail-ledger",
        "明细分类账",
        "Detail ledger",
        _LEDGER_COLUMNS[:3]
        + [Column("number", "凭证号", "Number"), Column("partner", "往来单位", "Partner")]
        + _LEDGER_COLUMNS[3:],
        _detail_ledger,
    )
)
