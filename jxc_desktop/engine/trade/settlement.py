"""收款单 SKD / 付款单 FKD: settling open items, and advances (预收 / 预付).

Each money line is settled on its own. A money document whose lines name nothing is
settled automatically: each line clears the partner's open items oldest due first. One
whose lines name documents, or that the 收款单 form saved (table manual_settlement), is
settled by hand (手工核销): a line that
names a document settles only that document's open items (an invoice: the items of the
deliveries it invoices too; an order: the items of its deliveries), oldest due first,
and a line that names nothing is an advance. Whatever a line does not settle becomes an
advance: a negative item that later deliveries (or invoices) consume when approved.
A line in a foreign currency settles the items of that currency by their currency
amounts; the difference in CNY is an exchange gain or loss (exchange.py).
"""

from __future__ import annotations

from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.money import format_money, to_scaled, yuan
from jxc_desktop.engine.trade import exchange, openitems
from jxc_desktop.models.db import execute
from jxc_desktop.models.documents import Document, DocumentLine
from jxc_desktop.models.trade import ManualSettlement, OpenItem


def _lines(doc: Document) -> list[DocumentLine]:
    return list(
        DocumentLine.select().where(DocumentLine.document == doc).order_by(DocumentLine.line_no)
    )


def target_items(doc: Document, source: DocumentLine | None) -> list[openitems.Open]:
    """The open items a money line is meant for, oldest due first."""
    kind = openitems.kind_of(doc.doc_type)
    if source is None:
        return openitems.open_items(doc.partner_id, kind)
    named = source.document_id
    # the named document's own items, and those of the lines its lines fulfil or invoice
    # (invoice → deliveries) or that fulfil its lines (order → deliveries).
    related = [
        r[0]
        for r in execute(
            "SELECT DISTINCT l.id FROM document_line l JOIN document_line x ON "
            "(x.id = l.source_line_id OR l.id = x.source_line_id) WHERE x.document_id = ?",
            (named,),
        ).fetchall()
    ]
    by_doc = openitems.open_items(doc.partner_id, kind, documents=[named])
    by_line = openitems.open_items(doc.partner_id, kind, lines=related)
    seen, out = set(), []
    for item in sorted(by_doc + by_line, key=lambda o: (o.due_date, o.date, o.id)):
        if item.id not in seen:
            seen.add(item.id)
            out.append(item)
    return out


def _targets(doc: Document, line: DocumentLine, by_hand: bool) -> list[openitems.Open]:
    if by_hand:
        return target_items(doc, line.source_line) if line.source_line_id else []
    return openitems.open_items(doc.partner_id, openitems.kind_of(doc.doc_type))


def apply_money(doc: Document) -> list[str]:
    """Settles a SKD/FKD's lines; returns what the user is told (advances, exchange)."""
    messages = []
    lines = _lines(doc)
    by_hand = any(line.source_line_id for line in lines) or (
        ManualSettlement.select().where(ManualSettlement.document == doc.id).exists()
    )
    for line in lines:
        targets = _targets(doc, line, by_hand)
        if doc.currency == "CNY":
            remaining = _settle_cny(doc, line, targets)
            in_currency = yuan(remaining)
        else:
            remaining, in_currency = _settle_foreign(doc, line, targets)
        if remaining:
            openitems.add_item(doc, line, -in_currency, is_advance=True, fen=-remaining)
            messages.append(_advance_message(doc, remaining))
    return messages + exchange.book(doc)


def _settle_cny(doc: Document, line: DocumentLine, targets: list[openitems.Open]) -> int:
    """Clears items by their CNY amounts; returns the fen left over."""
    remaining = openitems.cny_fen(doc, line.amount)
    for item in targets:
        if remaining == 0:
            break
        if item.open <= 0:
            continue
        take = min(remaining, item.open)
        openitems.settle(item.id, doc, line.id, take)
        remaining -= take
    return remaining


def _settle_foreign(doc: Document, line: DocumentLine, targets: list[openitems.Open]):
    """Clears items of the money's currency by their currency amounts at their booked
    rates; the money's value at its own rate minus what it cleared is the exchange
    difference. Returns (CNY fen left, currency amount left)."""
    pay = to_scaled(line.amount, 2)
    total = exchange.cny_of(pay, doc.exchange_rate)
    rates = exchange.item_currency([t.id for t in targets if t.open > 0])
    taken = 0  # cents; the money's CNY value is rounded on the running total, so the
    # parts add up to the line's CNY amount exactly
    for item in targets:
        if taken == pay:
            break
        if item.open <= 0 or rates[item.id][0] != doc.currency:
            continue
        take, cleared = exchange.settle_in_currency(item.open, rates[item.id][1], pay - taken)
        if take == 0:
            continue
        paid = exchange.cny_of(taken + take, doc.exchange_rate) - exchange.cny_of(
            taken, doc.exchange_rate
        )
        openitems.settle(item.id, doc, line.id, cleared)
        exchange.record(doc, line.id, item.id, paid - cleared)
        taken += take
    return total - exchange.cny_of(taken, doc.exchange_rate), yuan(pay - taken)


def _advance_message(doc: Document, fen: int) -> str:
    # "not settled against any document", not "beyond the receivables": the clerk may
    # have left open documents unchosen on purpose (a deposit), or by mistake
    if doc.doc_type == "SKD":
        return tr(
            "未核销的 {a} 元记为预收款",
            "{a} not settled against any document is kept as an advance from the customer",
            a=format_money(yuan(fen)),
        )
    return tr(
        "未核销的 {a} 元记为预付款",
        "{a} not settled against any document is kept as an advance to the supplier",
        a=format_money(yuan(fen)),
    )


def advances_used(doc: Document, taken: dict[int, int]) -> list[str]:
    """已冲抵预收款 ¥1,000.00（收款单 SKD…）: one message per money document whose advance
    the approval of `doc` consumed (`taken`: open item id → fen, from net_new_items)."""
    if not taken:
        return []
    query = (
        OpenItem.select(OpenItem.id, Document.number, Document.doc_type)
        .join(Document, on=(OpenItem.document == Document.id))
        .where(OpenItem.id.in_(list(taken)) & (OpenItem.is_advance == "1"))
        .order_by(OpenItem.date, OpenItem.id)
        .tuples()
    )
    by_money: dict[tuple[str, str], int] = {}
    for item_id, number, doc_type in query:
        by_money[(number, doc_type)] = by_money.get((number, doc_type), 0) + taken[item_id]
    return [_used_message(t, n, fen) for (n, t), fen in by_money.items()]


def _used_message(doc_type: str, number: str, fen: int) -> str:
    amount = "¥" + format_money(yuan(fen))
    if doc_type == "SKD":
        return tr(
            "已冲抵预收款 {a}（收款单 {n}）",
            "Applied the customer's advance of {a} (receipt {n})",
            a=amount,
            n=number,
        )
    return tr(
        "已冲抵预付款 {a}（付款单 {n}）",
        "Applied the advance paid to the supplier, {a} (payment {n})",
        a=amount,
        n=number,
    )
