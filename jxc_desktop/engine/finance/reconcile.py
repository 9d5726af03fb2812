"""对账: the sub-ledgers against the general ledger, down to the document.

Two comparisons, both as of a day (every document and voucher dated on or before it):

- stock: the stock ledger's value per inventory account (each item in each warehouse
  maps to its account through the `inventory` voucher rule, 1403 / 1405 by default)
  against the GL balance of that account and its sub-accounts;
- receivable / payable: the trade module's open items less their settlements per
  partner against 1122 + 2203 (receivable; a 预收 credit is a negative receivable) and
  2202 + 1123 (payable), lines that name the partner.

Each comparison gives one total row per account (stock) or partner (AR/AP), and, where
the totals differ, one row per document whose two sides differ: a business document by
its number, a voucher without a source document (manual, revaluation) by 'period
记-NNNN', an opening balance as 期初余额. Everything is summed in SQL, grouped by
document; only the mapping of (item type, category, warehouse) to an account is Python.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from jxc_desktop.engine.finance import balances
from jxc_desktop.engine.finance.rules import Context, RuleBook, inventory_accounts
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.money import from_scaled
from jxc_desktop.models.db import database, execute

FAR = dt.date(9999, 12, 31)
OPENING = "opening"  # the key of the 期初余额 row
# section, open-item kind, sign turning debit − credit into the sub-ledger's sign, accounts
PARTNER_SECTIONS = (
    ("receivable", 1, ("1122", "2203")),
    ("payable", -1, ("2202", "1123")),
)


@dataclass
class Row:
    """One line of the reconciliation; document is empty on a total row."""

    section: str  # stock / receivable / payable
    account: str  # an account code, or the codes compared ('1122+2203')
    partner: str
    document: str
    date: dt.date | None
    subledger: Decimal
    gl: Decimal
    # what the document column names, for a drill-down: ("d", document id) or
    # ("v", voucher id); empty on total and opening rows
    source: tuple = ()

    @property
    def difference(self) -> Decimal:
        return self.gl - self.subledger

    def as_dict(self) -> dict:
        return {
            "section": self.section,
            "section_label": section_label(self.section),
            "account": self.account,
            "partner": self.partner,
            "document": self.document,
            "date": self.date,
            "subledger": self.subledger,
            "gl": self.gl,
            "difference": self.difference,
        }


def _subtree_ids(chart: balances.Chart, codes) -> dict[int, str]:
    """Every account id under one of `codes` → the code it falls under."""
    out = {}
    for account_id in chart.accounts:
        for node in chart.chain(account_id):
            code = chart.accounts[node].code
            if code in codes:
                out[account_id] = code
                break
    return out


def _gl_by_key(ids: dict[int, str], day: dt.date, partner: bool) -> list[tuple]:
    """(account_id, partner_id, key, fen): voucher lines grouped by source document, or by
    voucher when it has none ('v<id>'), plus the opening balances ('opening')."""
    if not ids:
        return []
    marks = ", ".join("?" for _ in ids)
    need_partner = " AND l.partner_id IS NOT NULL" if partner else ""
    rows = execute(
        "SELECT l.account_id, l.partner_id, v.source_id, "
        "CASE WHEN v.source_id IS NULL THEN v.id END, SUM(l.debit) - SUM(l.credit) "
        "FROM voucher_line l JOIN voucher v ON v.id = l.voucher_id "
        f"WHERE v.date <= ? AND l.account_id IN ({marks}){need_partner} "
        "GROUP BY l.account_id, l.partner_id, v.source_id, "
        "CASE WHEN v.source_id IS NULL THEN v.id END",
        [day.isoformat(), *ids],
    ).fetchall()
    out = [
        (a, p, ("d", doc) if doc is not None else ("v", vid), value or 0)
        for a, p, doc, vid, value in rows
    ]
    opening = execute(
        "SELECT account_id, partner_id, SUM(debit) - SUM(credit) FROM opening_balance "
        f"WHERE account_id IN ({marks}){need_partner.replace('l.', '')} "
        "GROUP BY account_id, partner_id",
        list(ids),
    ).fetchall()
    out += [(a, p, (OPENING, 0), value or 0) for a, p, value in opening if value]
    return out


def _stock_by_key(day: dt.date) -> dict[tuple[str, tuple], int]:
    """(inventory account, ('d', document id)) → stock value in fen."""
    rules = RuleBook()
    out: dict[tuple[str, tuple], int] = defaultdict(int)
    rows = execute(
        "SELECT m.document_id, i.item_type, i.category_id, m.warehouse_id, SUM(m.value) "
        "FROM stock_move m JOIN document d ON d.id = m.document_id "
        "JOIN item i ON i.id = m.item_id WHERE d.date <= ? "
        "GROUP BY m.document_id, i.item_type, i.category_id, m.warehouse_id",
        (day.isoformat(),),
    ).fetchall()
    accounts: dict[tuple, str] = {}
    for doc_id, item_type, category_id, wh_id, value in rows:
        key = (item_type, category_id, wh_id)
        if key not in accounts:
            accounts[key] = rules.debit("inventory", Context(item_type, category_id, wh_id))
        out[(accounts[key], ("d", doc_id))] += value or 0
    return out


class _Namer:
    """Labels (number, date) for document and voucher keys, fetched in one query each."""

    def __init__(self, keys):
        docs = sorted({k[1] for k in keys if k[0] == "d"})
        vouchers = sorted({k[1] for k in keys if k[0] == "v"})
        self.names: dict[tuple, tuple[str, dt.date | None]] = {
            (OPENING, 0): (tr("期初余额", "Opening balance"), None)
        }
        for chunk in _chunks(docs):
            sql = "SELECT id, number, date FROM document WHERE id IN (%s)"
            for i, number, date in execute(sql % ", ".join("?" * len(chunk)), chunk):
                self.names[("d", i)] = (number, _date(date))
        for chunk in _chunks(vouchers):
            sql = "SELECT id, period, word, number, date FROM voucher WHERE id IN (%s)"
            for i, period, word, number, date in execute(sql % ", ".join("?" * len(chunk)), chunk):
                self.names[("v", i)] = (f"{period} {word}-{number:04d}", _date(date))

    def __call__(self, key) -> tuple[str, dt.date | None]:
        return self.names.get(key, (str(key[1]), None))


def _chunks(ids: list, size: int = 500):
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _date(value) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _m(fen: int) -> Decimal:
    return from_scaled(fen, 2)


def stock_rows(day: dt.date = FAR) -> list[Row]:
    """Stock ledger vs each inventory account: a total row each, and the documents that
    differ under an account whose totals differ."""
    chart = balances.Chart()
    codes = inventory_accounts()
    ids = _subtree_ids(chart, set(codes))
    gl: dict[tuple[str, tuple], int] = defaultdict(int)
    for account_id, _partner, key, fen in _gl_by_key(ids, day, partner=False):
        gl[(ids[account_id], key)] += fen
    stock = _stock_by_key(day)
    rows = []
    for code in codes:
        keys = {k for c, k in gl if c == code} | {k for c, k in stock if c == code}
        sub_total = sum(stock.get((code, k), 0) for k in keys)
        gl_total = sum(gl.get((code, k), 0) for k in keys)
        rows.append(Row("stock", code, "", "", None, _m(sub_total), _m(gl_total)))
        if sub_total != gl_total:
            rows += _detail("stock", code, "", keys, stock, gl, code)
    return rows


def _detail(section, code, partner, keys, sub, gl, key_prefix) -> list[Row]:
    differing = [k for k in keys if sub.get((key_prefix, k), 0) != gl.get((key_prefix, k), 0)]
    namer = _Namer(differing)
    out = []
    for k in differing:
        number, date = namer(k)
        out.append(
            Row(
                section,
                code,
                partner,
                number,
                date,
                _m(sub.get((key_prefix, k), 0)),
                _m(gl.get((key_prefix, k), 0)),
                k if k[0] in ("d", "v") else (),
            )
        )
    return sorted(out, key=lambda r: (r.date or dt.date.min, r.document))


def _open_items(day: dt.date) -> dict[str, dict[tuple, int]]:
    """kind → {(partner_id, ('d', document id)): fen}: open items less settlements."""
    out: dict[str, dict[tuple, int]] = {"receivable": defaultdict(int), "payable": defaultdict(int)}
    iso = day.isoformat()
    for partner_id, kind, doc_id, fen in execute(
        "SELECT partner_id, kind, document_id, SUM(amount) FROM open_item WHERE date <= ? "
        "GROUP BY partner_id, kind, document_id",
        (iso,),
    ):
        out.setdefault(kind, defaultdict(int))[(partner_id, ("d", doc_id))] += fen or 0
    for partner_id, kind, doc_id, fen in execute(
        "SELECT oi.partner_id, oi.kind, s.document_id, SUM(s.amount) FROM settlement s "
        "JOIN open_item oi ON oi.id = s.open_item_id WHERE s.date <= ? "
        "GROUP BY oi.partner_id, oi.kind, s.document_id",
        (iso,),
    ):
        out.setdefault(kind, defaultdict(int))[(partner_id, ("d", doc_id))] -= fen or 0
    return out


def partner_rows(day: dt.date = FAR, partner_id: int | None = None) -> list[Row]:
    """Open items vs 1122+2203 / 2202+1123 per partner, documents where totals differ."""
    if "open_item" not in database.obj.get_tables():
        return []  # without the trade module there are no open items to compare
    chart = balances.Chart()
    items = _open_items(day)
    codes = {p: c for p, c in execute("SELECT id, code FROM partner").fetchall()}
    rows = []
    for section, sign, accounts in PARTNER_SECTIONS:
        ids = _subtree_ids(chart, set(accounts))
        gl: dict[tuple, int] = defaultdict(int)
        for _account, p, key, fen in _gl_by_key(ids, day, partner=True):
            gl[(p, key)] += sign * fen
        sub = items.get(section, {})
        partners = sorted({p for p, _ in gl} | {p for p, _ in sub})
        label = "+".join(accounts)
        for p in partners:
            if partner_id is not None and p != partner_id:
                continue
            keys = {k for q, k in gl if q == p} | {k for q, k in sub if q == p}
            sub_total = sum(sub.get((p, k), 0) for k in keys)
            gl_total = sum(gl.get((p, k), 0) for k in keys)
            code = codes.get(p, "")
            rows.append(Row(section, label, code, "", None, _m(sub_total), _m(gl_total)))
            if sub_total != gl_total:
                rows += _detail(section, label, code, keys, sub, gl, p)
    return rows


def reconcile(day: dt.date = FAR, partner_id: int | None = None) -> list[Row]:
    """Every reconciliation row as of `day`: stock first, then receivables and payables."""
    return stock_rows(day) + partner_rows(day, partner_id)


def differences(day: dt.date = FAR) -> list[Row]:
    """Only the document rows that differ (what an accountant has to look at)."""
    return [r for r in reconcile(day) if r.document and r.difference]


def section_label(section: str) -> str:
    """The words people read for a section code (the screen and paper show these)."""
    return {
        "stock": tr("库存", "Stock"),
        "receivable": tr("应收", "Receivable"),
        "payable": tr("应付", "Payable"),
    }.get(section, section)
