"""收款单 SKD / 付款单 FKD: settling open items, and advances (预收 / 预付).

Each money line is settled on its own. A line whose source_line names a document settles
that document's open items (an invoice: the items of the deliveries it invoices too; an
order: the items of its deliveries), oldest due first; a line that names nothing settles
the partner's open items oldest due first. Whatever is left becomes an advance: a
negative item that later deliveries (or invoices) consume when they are approved.
"""

from __future__ import annotations

from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.money import format_money, money, yuan
from jxc_desktop.engine.trade import openitems
from jxc_desktop.models.db import execute
from jxc_desktop.models.documents import Document, DocumentLine


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


def apply_money(doc: Document) -> list[str]:
    """Settles a SKD/FKD's lines; returns what the user is told (advance amounts)."""
    messages = []
    kind = openitems.kind_of(doc.doc_type)
    for line in _lines(doc):
        remaining = openitems.cny_fen(doc, line.amount)
        named = target_items(doc, line.source_line) if line.source_line_id else []
        # the named items first, then the partner's other items, oldest due first
        rest = [
            o
            for o in openitems.open_items(doc.partner_id, kind)
            if o.id not in {n.id for n in named}
        ]
        for item in named + rest:
            if remaining == 0:
                break
            if item.open <= 0:
                continue
            take = min(remaining, item.open)
            openitems.settle(item.id, doc, line.id, take)
            remaining -= take
        if remaining:
            in_currency = money(yuan(remaining) / doc.exchange_rate)
            openitems.add_item(doc, line, -in_currency, is_advance=True, fen=-remaining)
            messages.append(_advance_message(doc, remaining))
    return messages


def _advance_message(doc: Document, fen: int) -> str:
    if doc.doc_type == "SKD":
        return tr(
            "超出应收的 {a} 元记为预收款",
            "{a} beyond the receivables is kept as an advance from the customer",
            a=format_money(yuan(fen)),
        )
    return tr(
        "超出应付的 {a} 元记为预付款",
        "{a} beyond the payables is kept as an advance to the supplier",
        a=format_money(yuan(fen)),
    )
