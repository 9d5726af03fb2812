"""Open items (应收/应付 明细) and settlements (核销).

- An approved document that creates a receivable or payable writes one open item per
  line: CNY amount incl. tax (line total × rate, half-up), and its currency amount.
  Returns (XSTH/CGTH) give negative items. The due date is the document date plus the
  partner's payment_terms_days.
- A new item is netted at once, oldest first, against opposite-signed open items of the
  same partner (a return against deliveries, a delivery against an advance); the
  settlement rows name the new document.
- Un-approving a document reverses the settlements it made, then its items; it is
  refused while another document still settles one of its items (un-approve that first).
All amounts are integers in fen here; reversed rows and their reversal rows are both
left out of every sum (the document never happened).
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from jxc_desktop.engine.errors import StateError
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.money import money, to_scaled, yuan
from jxc_desktop.models.base import now
from jxc_desktop.models.db import bulk_insert, execute
from jxc_desktop.models.documents import Document
from jxc_desktop.models.trade import OpenItem, Settlement

SALES_TYPES = ("XSDD", "XSCK", "XSTH", "XSFP", "SKD", "XSBJ")
LIVE_ITEM = (
    "oi.reverses_id IS NULL AND NOT EXISTS (SELECT 1 FROM open_item r WHERE r.reverses_id = oi.id)"
)
LIVE_SETTLEMENT = (
    "s.reverses_id IS NULL AND NOT EXISTS (SELECT 1 FROM settlement r WHERE r.reverses_id = s.id)"
)


def kind_of(doc_type: str) -> str:
    """receivable for the sales side, payable for the purchase side."""
    return "receivable" if doc_type in SALES_TYPES else "payable"


def cny_fen(doc: Document, amount) -> int:
    """A document-currency amount in CNY fen (rounded half-up once)."""
    return to_scaled(money(amount * doc.exchange_rate), 2)


@dataclass
class Open:
    """A live open item and what is still open on it (fen, signed)."""

    id: int
    document_id: int
    date: dt.date
    due_date: dt.date
    amount: int
    open: int
    line_id: int | None = None


@functools.lru_cache(maxsize=4096)
def _parse(text: str) -> dt.date:
    return dt.date.fromisoformat(text[:10])


def _date(value) -> dt.date:
    # 100,000 items share a few hundred dates: parse each text once
    return value if isinstance(value, dt.date) else _parse(str(value))


def _open_sql(as_of: dt.date | None) -> str:
    return (
        "SELECT oi.id, oi.document_id, oi.date, oi.due_date, oi.amount, "
        "oi.amount - COALESCE((SELECT SUM(s.amount) FROM settlement s WHERE "
        f"s.open_item_id = oi.id AND {LIVE_SETTLEMENT}{' AND s.date <= ?' if as_of else ''}), 0), "
        f"oi.partner_id, oi.line_id FROM open_item oi WHERE oi.kind = ? AND {LIVE_ITEM}"
    )


def all_open_items(kind: str, as_of: dt.date | None = None) -> dict[int, list[Open]]:
    """Every partner's live items with an open amount, in one query (aging, 首页)."""
    sql = _open_sql(as_of)
    params: list = [as_of, kind] if as_of else [kind]
    if as_of:
        sql += " AND oi.date <= ?"
        params.append(as_of)
    out: dict[int, list[Open]] = {}
    for r in execute(sql + " ORDER BY oi.due_date, oi.date, oi.id", params).fetchall():
        if r[5]:
            out.setdefault(r[6], []).append(
                Open(r[0], r[1], _date(r[2]), _date(r[3]), r[4], r[5], r[7])
            )
    return out


def open_items(
    partner_id: int,
    kind: str,
    as_of: dt.date | None = None,
    documents: list[int] | None = None,
    lines: list[int] | None = None,
) -> list[Open]:
    """Live items of a partner with their open amounts, oldest due first."""
    sql = _open_sql(as_of) + " AND oi.partner_id = ?"
    params: list = [as_of] if as_of else []
    params += [kind, partner_id]
    if as_of:
        sql += " AND oi.date <= ?"
        params.append(as_of)
    for column, ids in (("document_id", documents), ("line_id", lines)):
        if ids is not None:
            sql += f" AND oi.{column} IN ({','.join('?' * len(ids)) or 'NULL'})"
            params += ids
    sql += " ORDER BY oi.due_date, oi.date, oi.id"
    return [
        Open(r[0], r[1], _date(r[2]), _date(r[3]), r[4], r[5], r[7])
        for r in execute(sql, params).fetchall()
    ]


def balance(partner_id: int, kind: str, as_of: dt.date | None = None) -> int:
    """Open balance of a partner in fen (advances and returns net it down)."""
    return sum(o.open for o in open_items(partner_id, kind, as_of))


def balance_before(doc: Document, kind: str) -> int:
    """The partner's open balance in fen just before `doc` wrote its own items (the 销售单's
    上次欠款): the items written before them (ids grow as items are written), less what
    documents dated earlier, or approved earlier the same day, had settled on those.
    Later documents of the same day, which `balance(as_of=doc.date)` counts, do not."""
    (first,) = execute(
        "SELECT MIN(id) FROM open_item WHERE document_id = ? AND kind = ? AND reverses_id IS NULL",
        (doc.id, kind),
    ).fetchone()
    if first is None:  # no item of its own (yet): everything up to its day
        return balance(doc.partner_id, kind, as_of=doc.date)

    (items,) = execute(
        "SELECT COALESCE(SUM(oi.amount), 0) FROM open_item oi WHERE oi.partner_id = ? "
        f"AND oi.kind = ? AND oi.id < ? AND {LIVE_ITEM}",
        (doc.partner_id, kind, first),
    ).fetchone()
    (settled,) = execute(
        "SELECT COALESCE(SUM(s.amount), 0) FROM settlement s JOIN open_item oi "
        "ON oi.id = s.open_item_id JOIN document sd ON sd.id = s.document_id "
        "WHERE oi.partner_id = ? AND oi.kind = ? AND oi.id < ? "
        f"AND {LIVE_ITEM} AND {LIVE_SETTLEMENT} AND s.document_id <> ? AND (s.date < ? "
        "OR (s.date = ? AND (sd.approved_at < ? OR (sd.approved_at = ? AND sd.id < ?))))",
        (doc.partner_id, kind, first, doc.id, doc.date, doc.date, *[doc.approved_at] * 2, doc.id),
    ).fetchone()
    return items - settled


def add_item(doc: Document, line, currency_amount, is_advance=False, fen: int | None = None):
    """Writes one open item for a document (line); `fen` overrides the CNY amount."""
    terms = 0 if is_advance else (doc.partner.payment_terms_days or 0)
    return OpenItem.create(
        partner=doc.partner,
        kind=kind_of(doc.doc_type),
        document=doc,
        line=line,
        date=doc.date,
        due_date=doc.date + dt.timedelta(days=terms),
        currency=doc.currency,
        exchange_rate=doc.exchange_rate,
        currency_amount=currency_amount,
        amount=yuan(cny_fen(doc, currency_amount) if fen is None else fen),
        is_advance="1" if is_advance else "",
    )


def add_items(doc: Document, rows: list[tuple[int, object]]) -> None:
    """Writes one open item per (line id, currency amount), in one executemany."""
    if not rows:
        return
    terms = doc.partner.payment_terms_days or 0
    fixed = {
        "partner": doc.partner_id,
        "kind": kind_of(doc.doc_type),
        "document": doc.id,
        "date": doc.date,
        "due_date": doc.date + dt.timedelta(days=terms),
        "currency": doc.currency,
        "exchange_rate": doc.exchange_rate,
        "is_advance": "",
        "created_at": now(),
    }
    _bulk(
        OpenItem,
        [
            {
                **fixed,
                "line": line_id,
                "currency_amount": value,
                "amount": yuan(cny_fen(doc, value)),
            }
            for line_id, value in rows
        ],
    )


def _bulk(model, rows: list[dict]) -> None:
    """Inserts model rows (field name → Python value) through the cursor's executemany."""
    fields = [f for f in model._meta.sorted_fields if f.name != "id" and f.name in rows[0]]
    bulk_insert(
        model._meta.table_name,
        [f.column_name for f in fields],
        [[f.db_value(row[f.name]) for f in fields] for row in rows],
    )


def settle(item_id: int, doc: Document, line_id: int | None, fen: int) -> None:
    """One settlement row: `fen` (same sign as the item) of an item cleared by doc."""
    Settlement.create(
        open_item=item_id, document=doc, line=line_id, date=doc.date, amount=yuan(fen)
    )


def net_new_items(doc: Document) -> dict[int, int]:
    """Pairs the document's new items with opposite-signed open items, oldest first.

    The partner's items are read once and netted in memory; the settlement rows are
    written in one executemany (a 1,000-line delivery against an advance stays fast).
    Returns the fen taken from each earlier item (its id → the amount, unsigned), so the
    approval can say which advances it used up.
    """
    kind = kind_of(doc.doc_type)
    items = open_items(doc.partner_id, kind)
    new = [o for o in items if o.document_id == doc.id and o.open]
    others = [o for o in items if o.document_id != doc.id and o.open]
    if not new or not others:
        return {}
    new_signs = {n.open > 0 for n in new}
    if not any((o.open > 0) not in new_signs or len(new_signs) > 1 for o in others):
        return {}  # nothing of the opposite sign to net against
    left = {o.id: o.open for o in others}
    rows = []
    for item in new:
        remaining = item.open
        for other in others:
            if remaining == 0:
                break
            if left[other.id] == 0 or (left[other.id] > 0) == (remaining > 0):
                continue
            take = min(abs(remaining), abs(left[other.id]))
            sign = 1 if remaining > 0 else -1
            rows.append((item.id, sign * take))
            rows.append((other.id, -sign * take))
            left[other.id] += sign * take
            remaining -= sign * take
    stamp = now()
    if rows:
        _bulk(
            Settlement,
            [
                {
                    "open_item": item_id,
                    "document": doc.id,
                    "line": None,
                    "date": doc.date,
                    "amount": yuan(fen),
                    "created_at": stamp,
                }
                for item_id, fen in rows
            ],
        )
    return {o.id: abs(o.open - left[o.id]) for o in others if left[o.id] != o.open}


def reverse_document(doc: Document) -> None:
    """Un-approve: reverse the settlements the document made, then its items.

    Reversal rows are copied by the database (INSERT … SELECT), whatever the count.
    """
    stamp = now()
    execute(
        "INSERT INTO settlement (open_item_id, document_id, line_id, date, amount, reverses_id, "
        "created_at) SELECT s.open_item_id, s.document_id, NULL, ?, -s.amount, s.id, ? "
        f"FROM settlement s WHERE s.document_id = ? AND {LIVE_SETTLEMENT}",
        (OpenItem.date.db_value(doc.date), stamp, doc.id),
    )
    blockers = execute(
        "SELECT DISTINCT d.number FROM settlement s JOIN open_item oi ON oi.id = s.open_item_id "
        f"JOIN document d ON d.id = s.document_id WHERE oi.document_id = ? AND {LIVE_SETTLEMENT}",
        (doc.id,),
    ).fetchall()
    if blockers:
        raise StateError(
            tr(
                "单据 {n} 的应收应付已被 {d} 核销，请先反审核这些单据",
                "The open items of {n} are settled by {d}; un-approve those first",
                n=doc.number,
                d=", ".join(b[0] for b in blockers),
            )
        )
    execute(
        "INSERT INTO open_item (partner_id, kind, document_id, line_id, date, due_date, currency, "
        "exchange_rate, currency_amount, amount, is_advance, reverses_id, created_at) "
        "SELECT oi.partner_id, oi.kind, oi.document_id, oi.line_id, oi.date, oi.due_date, "
        "oi.currency, oi.exchange_rate, -oi.currency_amount, -oi.amount, oi.is_advance, oi.id, ? "
        f"FROM open_item oi WHERE oi.document_id = ? AND {LIVE_ITEM}",
        (stamp, doc.id),
    )
