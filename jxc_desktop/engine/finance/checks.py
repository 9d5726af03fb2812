"""`jxc check` for finance: vouchers balance, documents have exactly their vouchers,
and the stock sub-ledger equals the inventory accounts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from jxc_desktop.engine.checks import register
from jxc_desktop.engine.finance import balances
from jxc_desktop.engine.finance.document_vouchers import ALWAYS_VOUCHER
from jxc_desktop.engine.finance.rules import RuleBook, inventory_accounts
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.money import format_money, from_scaled
from jxc_desktop.models.db import execute
from jxc_desktop.models.masterdata import Item

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
    """Stock ledger value per inventory account, by the date of the document that wrote it."""
    rules = RuleBook()
    items: dict[int, Item] = {}
    out: dict[str, Decimal] = {}
    rows = execute(
        "SELECT m.item_id, m.warehouse_id, SUM(m.value) FROM stock_move m "
        "JOIN document d ON d.id = m.document_id WHERE d.date <= ? "
        "GROUP BY m.item_id, m.warehouse_id",
        (day.isoformat(),),
    ).fetchall()
    for item_id, wh_id, value in rows:
        item = items.get(item_id) or items.setdefault(item_id, Item.get_by_id(item_id))
        code = rules.inventory(item, wh_id)
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
