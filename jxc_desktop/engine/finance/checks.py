"""`jxc check` for finance: vouchers balance, documents have exactly their vouchers,
and the stock sub-ledger equals the inventory accounts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from jxc_desktop.engine.checks import register
from jxc_desktop.engine.finance import balances
from jxc_desktop.engine.finance.document_vouchers import ALWAYS_VOUCHER
from jxc_desktop.engine.finance.rules import Context, RuleBook, inventory_accounts
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.money import format_money, from_scaled
from jxc_desktop.models.db import execute

ZERO = Decimal(0)
FAR = dt.date(9999, 12, 31)


@register("voucher_balance")
def unbalanced_vouchers() -> list[str]:
    rows = execute(
        "SELECT v.period, v.number, SUM(l.debit) - SUM(l.credit) FROM voucher v "
        "JOIN voucher_line l ON l.voucher_id = v.id GROUP BY v.id, v.period, v.number "
        "HAVING SUM(l.debit) <> SUM(l.credit)"
    ).fetchall()
    return [
        tr("凭证 {p} 记-{n:04d} 借贷不平衡", "voucher {p} 记-{n:04d} does not balance", p=p, n=n)
        for p, n, _ in rows
    ]


@register("document_vouchers")
def document_vouchers() -> list[str]:
    """An approved document's latest voucher is its own (not a reversal), and one that
    always posts has one; a draft or void document's vouchers end with a reversal."""
    rows = execute(
        "SELECT d.number, d.doc_type, d.status, (SELECT v.kind FROM voucher v "
        "WHERE v.source_id = d.id ORDER BY v.id DESC LIMIT 1) FROM document d"
    ).fetchall()
    out = []
    for number, doc_type, status, last in rows:
        if status == "approved":
            ok = last == "document" or (last is None and doc_type not in ALWAYS_VOUCHER)
        else:
            ok = last != "document"
        if not ok:
            out.append(
                tr(
                    "单据 {n}（{s}）的凭证与单据状态不符",
                    "document {n} ({s}): its vouchers do not match its status",
                    n=number,
                    s=status,
                )
            )
    return out


def stock_by_account(day: dt.date = FAR) -> dict[str, Decimal]:
    """Stock ledger value per inventory account, by the date of the document that wrote it.

    Summed in SQL per (item type, category, warehouse) — the things an inventory rule can
    name — so the month-end close does not read items one by one.
    """
    rules = RuleBook()
    out: dict[str, Decimal] = {}
    rows = execute(
        "SELECT i.item_type, i.category_id, m.warehouse_id, SUM(m.value) FROM stock_move m "
        "JOIN document d ON d.id = m.document_id JOIN item i ON i.id = m.item_id "
        "WHERE d.date <= ? GROUP BY i.item_type, i.category_id, m.warehouse_id",
        (day.isoformat(),),
    ).fetchall()
    for item_type, category_id, wh_id, value in rows:
        code = rules.debit("inventory", Context(item_type, category_id, wh_id))
        out[code] = out.get(code, ZERO) + from_scaled(value or 0, 2)
    return out


def inventory_differences(day: dt.date = FAR) -> list[str]:
    chart = balances.Chart()
    gl = chart.roll_up(balances.net_at(day))
    stock = stock_by_account(day)
    out = []
    for code in inventory_accounts():
        book, ledger = chart.code_net(gl, code), stock.get(code, ZERO)
        if book != ledger:
            out.append(
                tr(
                    "科目 {c} 余额 {g} 与库存账 {s} 不符",
                    "account {c} balance {g} differs from the stock ledger {s}",
                    c=code,
                    g=format_money(book),
                    s=format_money(ledger),
                )
            )
    return out


@register("inventory_accounts")
def _inventory_accounts() -> list[str]:
    return inventory_differences()


def _open_item_balances() -> dict[tuple[int, str], int] | None:
    """Open receivables / payables per (partner, kind) in fen; None without the trade tables."""
    from jxc_desktop.models.db import database

    if "open_item" not in database.obj.get_tables():
        return None
    out: dict[tuple[int, str], int] = {}
    for partner_id, kind, amount in execute(
        "SELECT partner_id, kind, SUM(amount) FROM open_item GROUP BY partner_id, kind"
    ).fetchall():
        out[(partner_id, kind)] = amount or 0
    for partner_id, kind, amount in execute(
        "SELECT oi.partner_id, oi.kind, SUM(s.amount) FROM settlement s "
        "JOIN open_item oi ON oi.id = s.open_item_id GROUP BY oi.partner_id, oi.kind"
    ).fetchall():
        out[(partner_id, kind)] = out.get((partner_id, kind), 0) - (amount or 0)
    return out


def _document_partner_balances(account_code: str) -> dict[int, int]:
    """Partner balance (debit − credit, fen) of an account from business-document vouchers."""
    rows = execute(
        "SELECT l.partner_id, SUM(l.debit) - SUM(l.credit) FROM voucher_line l "
        "JOIN voucher v ON v.id = l.voucher_id JOIN account a ON a.id = l.account_id "
        "WHERE v.kind IN ('document', 'reversal') AND a.code = ? AND l.partner_id IS NOT NULL "
        "GROUP BY l.partner_id",
        (account_code,),
    ).fetchall()
    return {p: v or 0 for p, v in rows}


@register("partner_accounts")
def partner_accounts() -> list[str]:
    """1122 / 2202 by partner (from business documents) = the trade module's open items.

    Manual vouchers on 1122 / 2202 (opening balances, corrections) are outside this
    comparison; without the trade module there is nothing to compare.
    """
    items = _open_item_balances()
    if items is None:
        return []
    out = []
    for code, kind, sign in (("1122", "receivable", 1), ("2202", "payable", -1)):
        books = _document_partner_balances(code)
        partners = {p for p, k in items if k == kind} | set(books)
        for partner_id in sorted(partners):
            book = sign * books.get(partner_id, 0)
            open_ = items.get((partner_id, kind), 0)
            if book != open_:
                out.append(
                    tr(
                        "往来单位 #{p} 的科目 {c} 余额 {b} 与未清项 {o} 不符",
                        "partner #{p}: account {c} balance {b} differs from open items {o}",
                        p=partner_id,
                        c=code,
                        b=format_money(from_scaled(book, 2)),
                        o=format_money(from_scaled(open_, 2)),
                    )
                )
    return out


@register("period_totals")
def period_totals() -> list[str]:
    """The cached totals of every closed month equal its voucher lines."""
    rows = execute(
        "SELECT p.period, p.account_id, p.partner_id, p.closing, p.debit, p.credit, "
        "COALESCE(SUM(l.debit), 0), COALESCE(SUM(l.credit), 0) FROM period_total p "
        "LEFT JOIN voucher v ON v.period = p.period "
        "AND (CASE WHEN v.kind = 'close' THEN 1 ELSE 0 END) = p.closing "
        "LEFT JOIN voucher_line l ON l.voucher_id = v.id AND l.account_id = p.account_id "
        "AND (l.partner_id = p.partner_id OR (l.partner_id IS NULL AND p.partner_id IS NULL)) "
        "GROUP BY p.id, p.period, p.account_id, p.partner_id, p.closing, p.debit, p.credit "
        "HAVING p.debit <> COALESCE(SUM(l.debit), 0) OR p.credit <> COALESCE(SUM(l.credit), 0)"
    ).fetchall()
    rows += execute(  # voucher lines of a cached month that have no cached row at all
        "SELECT v.period, l.account_id, l.partner_id, 0, 0, 0, SUM(l.debit), SUM(l.credit) "
        "FROM voucher v JOIN period_total_mark k ON k.period = v.period "
        "JOIN voucher_line l ON l.voucher_id = v.id WHERE NOT EXISTS (SELECT 1 FROM "
        "period_total p WHERE p.period = v.period AND p.account_id = l.account_id AND "
        "(p.partner_id = l.partner_id OR (p.partner_id IS NULL AND l.partner_id IS NULL))) "
        "GROUP BY v.period, l.account_id, l.partner_id"
    ).fetchall()
    return [
        tr(
            "已结账期间 {p} 科目 #{a} 的缓存合计与凭证不符",
            "closed period {p}: cached totals of account #{a} differ from its vouchers",
            p=row[0],
            a=row[1],
        )
        for row in rows
    ]
