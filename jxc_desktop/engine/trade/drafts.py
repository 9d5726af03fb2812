"""Editing trade drafts: a stored document back as input, and the 收款单/付款单 form's data.

`document_input(doc_id)` returns a saved document as the DocumentInput that would save it
again, every line field kept (source lines, units, batches, due dates, accounts), so a
form can change quantities, prices or the partner and save with `save_draft(data,
doc_id)`: the number stays.

For money documents the form lists the partner's documents with open amounts
(`settle_candidates`), fills a received amount oldest due first (`auto_fill`), and
builds the draft with `money_input`: one line per chosen document (it names that
document's first line, so the engine settles exactly there) and the rest as an advance.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from jxc_desktop.engine import documents
from jxc_desktop.engine.documents import DocumentInput, LineInput
from jxc_desktop.engine.money import money, to_scaled, yuan
from jxc_desktop.engine.trade import openitems
from jxc_desktop.models.accounting import Account
from jxc_desktop.models.db import execute, write_transaction
from jxc_desktop.models.documents import DocumentLine, DocumentLineSerial


def document_input(doc_id: int) -> DocumentInput:
    """A stored document as the input that saves it again (header and every line)."""
    doc = documents.get_document(doc_id)
    rows = list(
        DocumentLine.select().where(DocumentLine.document == doc).order_by(DocumentLine.line_no)
    )
    serials: dict[int, list[str]] = {}
    for s in DocumentLineSerial.select().where(DocumentLineSerial.line.in_([r.id for r in rows])):
        serials.setdefault(s.line_id, []).append(s.serial)
    return DocumentInput(
        doc.doc_type,
        doc.date,
        [_line_input(r, serials.get(r.id, [])) for r in rows],
        time=doc.time or "",
        partner=doc.partner,
        warehouse=doc.warehouse,
        dest_warehouse=doc.dest_warehouse,
        external_number=doc.external_number,
        currency=doc.currency,
        exchange_rate=doc.exchange_rate,
        remarks=doc.remarks or "",
        source=doc.source,
    )


def _line_input(row: DocumentLine, serials: list[str]) -> LineInput:
    money_line = row.item_id is None
    return LineInput(
        item=row.item,
        qty=row.qty,
        unit=row.unit,
        price=None if money_line else row.price,
        tax_rate=row.tax_rate,
        amount=row.amount if money_line else None,
        location=row.location,
        dest_location=row.dest_location,
        batch_no=row.batch_no or "",
        production_date=row.production_date,
        expiry_date=row.expiry_date,
        source_line=row.source_line,
        due_date=row.due_date,
        account=row.account or "",
        cost_object=row.cost_object or "",
        remarks=row.remarks or "",
        serials=serials,
    )


@dataclass
class Candidate:
    """A document of the partner with an open amount a receipt or payment may settle."""

    document_id: int
    number: str
    doc_type: str
    date: dt.date
    due_date: dt.date
    open: Decimal  # CNY
    first_line_id: int


def settle_candidates(partner_id: int, money_type: str, currency: str = "CNY") -> list[Candidate]:
    """The partner's documents with a positive open amount, oldest due first.

    In CNY every item counts at its CNY open amount; in a foreign currency only the
    items of that currency count, at their open currency amounts (what a receipt in
    that currency settles; see exchange.py).
    """
    from jxc_desktop.engine.trade import exchange

    kind = "receivable" if money_type == "SKD" else "payable"
    items = [o for o in openitems.open_items(partner_id, kind) if o.open > 0]
    if currency != "CNY":
        rates = exchange.item_currency([o.id for o in items])
        items = [o for o in items if rates[o.id][0] == currency]
    by_doc: dict[int, list[openitems.Open]] = {}
    for item in items:
        by_doc.setdefault(item.document_id, []).append(item)
    if not by_doc:
        return []

    def open_of(item) -> Decimal:
        if currency == "CNY":
            return yuan(item.open)
        return money(yuan(item.open) / rates[item.id][1])

    marks = ",".join("?" * len(by_doc))
    info = {
        r[0]: r[1:]
        for r in execute(
            "SELECT d.id, d.number, d.doc_type, (SELECT MIN(l.id) FROM document_line l "
            f"WHERE l.document_id = d.id) FROM document d WHERE d.id IN ({marks})",
            list(by_doc),
        ).fetchall()
    }
    out = [
        Candidate(
            doc_id,
            info[doc_id][0],
            info[doc_id][1],
            min(o.date for o in found),
            min(o.due_date for o in found),
            sum((open_of(o) for o in found), Decimal(0)),
            info[doc_id][2],
        )
        for doc_id, found in by_doc.items()
    ]
    return sorted(out, key=lambda c: (c.due_date, c.date, c.document_id))


def currencies() -> list[str]:
    """CNY first, then the other active currencies."""
    from jxc_desktop.models.masterdata import Currency

    codes = [c.code for c in Currency.select().where(Currency.active).order_by(Currency.code)]
    return ["CNY", *[c for c in codes if c != "CNY"]]


def rate_on(currency: str, day: dt.date) -> Decimal:
    """The latest rate of a currency on or before a day (1 for CNY or when none is set)."""
    from jxc_desktop.models.masterdata import ExchangeRate

    if currency == "CNY":
        return Decimal(1)
    row = (
        ExchangeRate.select(ExchangeRate.rate)
        .where((ExchangeRate.currency == currency) & (ExchangeRate.date <= day))
        .order_by(ExchangeRate.date.desc())
        .first()
    )
    return row.rate if row else Decimal(1)


def auto_fill(amount: Decimal, opens: list[Decimal]) -> list[Decimal]:
    """Splits an amount over open amounts in their order (oldest due first)."""
    left = to_scaled(money(amount), 2)
    out = []
    for value in opens:
        take = max(0, min(left, to_scaled(value, 2)))
        out.append(yuan(take))
        left -= take
    return out


def money_input(
    doc_type: str,
    date: dt.date,
    partner,
    account: str,
    amount: Decimal,
    allocations: list[tuple[int, Decimal]],
    currency: str = "CNY",
    exchange_rate: Decimal = Decimal(1),
    remarks: str = "",
) -> DocumentInput:
    """A SKD/FKD draft: a line per (first line id of a document, amount), the rest an advance."""
    lines = []
    settled = Decimal(0)
    for line_id, value in allocations:
        if value > 0:
            source = DocumentLine.get_by_id(line_id)
            lines.append(LineInput(amount=money(value), account=account, source_line=source))
            settled += money(value)
    rest = money(amount) - settled
    if rest != 0 or not lines:
        lines.append(LineInput(amount=rest, account=account))
    return DocumentInput(
        doc_type,
        date,
        lines,
        partner=partner,
        currency=currency,
        exchange_rate=exchange_rate,
        remarks=remarks,
    )


def save_money(data: DocumentInput, doc_id: int | None = None, approve: bool = False):
    """Saves a receipt (payment) from the form as settled by hand — its unnamed lines are
    advances even when the partner has open items — and approves it if asked, all in
    one transaction. Returns (document, approval result or None)."""
    from jxc_desktop.models.trade import ManualSettlement

    with write_transaction():
        doc = documents.save_draft(data, doc_id)
        ManualSettlement.get_or_create(document=doc.id)
        return doc, (documents.approve(doc.id) if approve else None)


def cash_accounts() -> list[tuple[str, str]]:
    """(code, name) of the active cash and bank accounts: 1001, 1002 and their sub-accounts."""
    query = (
        Account.select(Account.code, Account.name)
        .where(Account.active & (Account.code.startswith("1001") | Account.code.startswith("1002")))
        .order_by(Account.code)
    )
    return [(a.code, a.name) for a in query]


def _open_by_document(items: list[openitems.Open], currency: str) -> dict[int, Decimal]:
    """Open amounts per document: CNY, or only the items of a foreign currency in it."""
    from jxc_desktop.engine.trade import exchange

    items = [o for o in items if o.open > 0]
    rates = exchange.item_currency([o.id for o in items]) if currency != "CNY" else {}
    out: dict[int, Decimal] = {}
    for item in items:
        if currency == "CNY":
            value = yuan(item.open)
        elif rates[item.id][0] == currency:
            value = money(yuan(item.open) / rates[item.id][1])
        else:
            continue
        out[item.document_id] = out.get(item.document_id, Decimal(0)) + value
    return out


def money_targets(doc_id: int) -> tuple[str, dict[int, Decimal]]:
    """What a receipt or payment for an invoice (or delivery) would settle: the invoice's
    currency and the open amount in it per document owning the items (an invoice's
    deliveries under delivery basis)."""
    from jxc_desktop.engine.trade import generate, settlement
    from jxc_desktop.models.documents import Document

    source = documents.get_document(doc_id)
    first = (
        DocumentLine.select().where(DocumentLine.document == source).order_by(DocumentLine.line_no)
    ).first()
    probe = Document(doc_type=generate.MONEY_FOR[source.doc_type], partner=source.partner)
    items = settlement.target_items(probe, first)
    return source.currency, _open_by_document(items, source.currency)


def draft_allocations(doc_id: int) -> dict[int, Decimal]:
    """A saved receipt (payment) draft's named lines as amounts per document settled,
    the way approval will spread them (a line naming an invoice settles its deliveries)."""
    from jxc_desktop.engine.trade import settlement

    doc = documents.get_document(doc_id)
    out: dict[int, Decimal] = {}
    for line in DocumentLine.select().where(
        (DocumentLine.document == doc) & DocumentLine.source_line.is_null(False)
    ):
        by_doc = _open_by_document(settlement.target_items(doc, line.source_line), doc.currency)
        shares = auto_fill(line.amount, list(by_doc.values()))
        for doc_key, share in zip(by_doc, shares, strict=True):
            if share:
                out[doc_key] = out.get(doc_key, Decimal(0)) + share
    return out
