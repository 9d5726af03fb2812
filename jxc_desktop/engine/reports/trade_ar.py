"""Receivables and payables reports: aging (账龄) and the partner statement (对账单).

ar-aging / ap-aging, as of --to (default today), one row per partner with an open
balance: partner (code), name, total, "0-30", "31-60", "61-90", "90+" (the open amount by
the age of each item = days from its date to the as-of date; advances and returns are
negative and sit in their own age bucket, so the buckets add up to the total), and
overdue (open amount past its due date).

statement, for --partner over --from/--to: an opening row, then per document date,
number, type, debit, credit, balance. For a customer deliveries/invoices are debits and
returns, receipts of money are credits; for a supplier it is the other way round and
the balance is what the company owes. A foreign-currency receipt or payment settled at
another rate than its items has a 汇兑损益 row beside it, so the statement ends at the
same balance as the aging.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from jxc_desktop.engine import lookup
from jxc_desktop.engine.doctypes import DOC_TYPES
from jxc_desktop.engine.errors import JxcError
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.money import yuan
from jxc_desktop.engine.reports import Column, Report, ReportParams, register
from jxc_desktop.engine.reports.display import register_display, totals_display
from jxc_desktop.engine.trade import openitems
from jxc_desktop.models.db import execute
from jxc_desktop.models.documents import Document
from jxc_desktop.models.masterdata import Partner

BUCKETS = [("0-30", 0, 30), ("31-60", 31, 60), ("61-90", 61, 90), ("90+", 91, None)]


def bucket_of(age_days: int) -> str:
    for key, low, high in BUCKETS:
        if age_days >= low and (high is None or age_days <= high):
            return key
    return "0-30"  # an item dated after the as-of date is not selected; guard only


def _partners(kind: str, code: str | None) -> list[Partner]:
    query = Partner.select().where(Partner.kind == kind).order_by(Partner.code)
    if code:
        query = query.where(Partner.code == code)
    return list(query)


def aging_rows(kind: str, params: ReportParams) -> list[dict]:
    """One row per partner with open items as of --to (or today)."""
    as_of = params.date_to or dt.date.today()
    partner_kind = "customer" if kind == "receivable" else "supplier"
    out = []
    by_partner = openitems.all_open_items(kind, as_of)
    for partner in _partners(partner_kind, params.partner):
        items = by_partner.get(partner.id)
        if not items:
            continue
        # sums in fen (exact integers), turned into yuan once per cell
        fen = {key: 0 for key, _, _ in BUCKETS}
        overdue = 0
        for item in items:
            fen[bucket_of((as_of - item.date).days)] += item.open
            if item.due_date < as_of and item.open > 0:
                overdue += item.open
        row = {"partner": partner.code, "name": partner.name, "total": yuan(sum(fen.values()))}
        row.update({key: yuan(value) for key, value in fen.items()})
        row["overdue"] = yuan(overdue)
        out.append(row)
    return out


AGING_COLUMNS = [
    Column("partner", "往来单位", "Partner"),
    Column("name", "名称", "Name"),
    Column("total", "余额", "Total", "money"),
    Column("0-30", "0-30天", "0-30 days", "money"),
    Column("31-60", "31-60天", "31-60 days", "money"),
    Column("61-90", "61-90天", "61-90 days", "money"),
    Column("90+", "90天以上", "Over 90 days", "money"),
    Column("overdue", "逾期", "Overdue", "money"),
]


def ar_aging_rows(params: ReportParams) -> list[dict]:
    """One row per customer with an open balance as of --to (or today); JSON and CSV carry exactly these rows, screen, PDF and xlsx add a 合计 row."""
    return aging_rows("receivable", params)


def ap_aging_rows(params: ReportParams) -> list[dict]:
    """One row per supplier with an open balance as of --to (or today); JSON and CSV carry exactly these rows, screen, PDF and xlsx add a 合计 row."""
    return aging_rows("payable", params)


register(Report("ar-aging", "应收账龄分析", "Receivables aging", AGING_COLUMNS, ar_aging_rows))
register(Report("ap-aging", "应付账龄分析", "Payables aging", AGING_COLUMNS, ap_aging_rows))
# screen, PDF and xlsx add a 合计 row (JSON and CSV carry the partners' rows only)
for _name in ("ar-aging", "ap-aging"):
    register_display(_name, totals_display(*[c.key for c in AGING_COLUMNS if c.kind == "money"]))


def _events(partner: Partner, kind: str) -> list[tuple]:
    """(date, number, type, id, signed fen) per document, in date order; a foreign-currency
    receipt or payment that realised an exchange difference has a 汇兑损益 row of its own
    beside it (the difference moved the receivable / payable: without it the statement
    would not end at the partner's balance)."""
    rows = execute(
        "SELECT oi.date, d.number, d.doc_type, d.id, SUM(oi.amount) FROM open_item oi "
        f"JOIN document d ON d.id = oi.document_id WHERE oi.partner_id = ? AND oi.kind = ? "
        f"AND {openitems.LIVE_ITEM} AND oi.is_advance = '' "
        "GROUP BY oi.date, d.number, d.doc_type, d.id",
        (partner.id, kind),
    ).fetchall()
    money_type = "SKD" if kind == "receivable" else "FKD"
    out = [(openitems._date(r[0]), r[1], DOC_TYPES[r[2]].label, r[3], r[4]) for r in rows]
    paid = Document.select().where(
        (Document.partner == partner)
        & (Document.doc_type == money_type)
        & (Document.status == "approved")
    )
    for doc in paid:
        fen = sum(openitems.cny_fen(doc, line.amount) for line in doc.lines)
        out.append((doc.date, doc.number, DOC_TYPES[doc.doc_type].label, doc.id, -fen))
    fx = tr("汇兑损益", "Exchange difference")
    for date, number, doc_id, fen in execute(
        "SELECT d.date, d.number, d.id, SUM(x.amount) FROM exchange_difference x "
        "JOIN document d ON d.id = x.document_id WHERE d.partner_id = ? AND d.doc_type = ? "
        "AND d.status = 'approved' GROUP BY d.date, d.number, d.id",
        (partner.id, money_type),
    ).fetchall():
        if fen:  # reversed differences (un-approved and approved again) add up to 0
            out.append((openitems._date(date), number, fx, doc_id, fen))
    return sorted(out, key=lambda e: (e[0], e[3]))


def statement_rows(params: ReportParams) -> list[dict]:
    """对账单 of one partner (--partner) for --from/--to."""
    if not params.partner:
        raise JxcError(tr("对账单需要 --partner", "The statement needs --partner"))
    partner = lookup.partner_by_code(params.partner, kind="customer") or lookup.partner_by_code(
        params.partner, kind="supplier"
    )
    if partner is None:
        raise JxcError(tr("往来单位 {c} 不存在", "No partner {c}", c=params.partner))
    kind = "receivable" if partner.kind == "customer" else "payable"
    start, end = params.date_from, params.date_to
    balance = 0
    out = []
    for date, number, type_label, _, fen in _events(partner, kind):
        if end and date > end:
            break
        if start and date < start:
            balance += fen
            continue
        if not out:
            out.append(_opening(partner, start, balance))
        balance += fen
        up, down = (fen, 0) if fen > 0 else (0, -fen)
        debit, credit = (up, down) if kind == "receivable" else (down, up)
        out.append(
            {
                "partner": partner.code,
                "date": date,
                "number": number,
                "type": type_label,
                "debit": yuan(debit),
                "credit": yuan(credit),
                "balance": yuan(balance),
            }
        )
    return out or [_opening(partner, start, balance)]


def _opening(partner: Partner, start, balance: int) -> dict:
    return {
        "partner": partner.code,
        "date": start,
        "number": "",
        "type": tr("期初余额", "Opening balance"),
        "debit": Decimal(0),
        "credit": Decimal(0),
        "balance": yuan(balance),
    }


register(
    Report(
        "statement",
        "对账单",
        "Statement",
        [
            Column("partner", "往来单位", "Partner"),
            Column("date", "日期", "Date", "date"),
            Column("number", "单据编号", "Number"),
            Column("type", "类型", "Type"),
            Column("debit", "借方", "Debit", "money"),
            Column("credit", "贷方", "Credit", "money"),
            Column("balance", "余额", "Balance", "money"),
        ],
        statement_rows,
    )
)
