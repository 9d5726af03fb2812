"""生成下游单据: order → delivery (receipt), delivery → invoice, invoice → money.

Each function returns a DocumentInput draft carrying what is still open, with each line's
source_line set; `save=True` saves it as a draft document instead (never approved here:
the user checks it first).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from jxc_desktop.engine import documents
from jxc_desktop.engine.doctypes import DOC_TYPES
from jxc_desktop.engine.documents import DocumentInput, LineInput
from jxc_desktop.engine.errors import JxcError
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.money import from_scaled, money, qty, yuan
from jxc_desktop.engine.trade import exchange, execution, invoices, settlement
from jxc_desktop.models.db import execute, write_transaction
from jxc_desktop.models.documents import Document, DocumentLine
from jxc_desktop.models.masterdata import Item, Unit

# a 委外入库's processing fee is invoiced by the subcontractor on a 采购发票 (加工费发票)
INVOICE_FOR = {"XSCK": "XSFP", "CGRK": "CGFP", "WWRK": "CGFP"}
MONEY_FOR = {"XSFP": "SKD", "CGFP": "FKD", "XSCK": "SKD", "CGRK": "FKD", "WWRK": "FKD"}


def _finish(data: DocumentInput, save: bool):
    if not data.lines:
        raise JxcError(tr("没有未执行的数量或金额", "Nothing is left open to carry over"))
    return documents.save_draft(data) if save else data


def _header(source: Document, doc_type: str, date: dt.date | None, **kw) -> DocumentInput:
    return DocumentInput(
        doc_type,
        date or dt.date.today(),
        partner=source.partner,
        currency=source.currency,
        exchange_rate=source.exchange_rate,
        source=source,
        **kw,
    )


def _approved(doc: Document, *types: str) -> None:
    labels = "、".join(DOC_TYPES[t].label for t in types)
    if doc.doc_type not in types:  # said in words: the prefixes mean nothing to a clerk
        raise JxcError(
            tr(
                "{k} {n} 没有可生成的下游单据（可由{t}生成）",
                "Nothing is made from {k} {n} (documents are made from: {t})",
                k=DOC_TYPES[doc.doc_type].label,
                n=doc.number,
                t=labels,
            )
        )
    if doc.status != "approved":
        raise JxcError(
            tr(
                "单据 {n} 尚未审核，审核后才能生成下游单据",
                "{n} is not approved yet: approve it first",
                n=doc.number,
            )
        )


@dataclass
class _Line:
    """What generation needs of a source line (read as a tuple, not as a model)."""

    id: int
    item: Item | None
    unit: Unit | None
    qty: Decimal
    base_qty: Decimal
    price: Decimal
    tax_rate: Decimal

    def carried(self, base_qty: Decimal) -> LineInput:
        """A line carrying `base_qty` of this one, in its unit and at its price."""
        factor = self.base_qty / self.qty if self.qty else 1
        return LineInput(
            item=self.item,
            unit=self.unit,
            qty=qty(base_qty / factor),
            price=self.price,
            tax_rate=self.tax_rate,
            source_line=DocumentLine(id=self.id),  # only its id is written
        )


def _lines_with_items(doc: Document) -> list[_Line]:
    """The lines with their items and units in a few queries (not a query per line)."""
    rows = execute(
        "SELECT id, item_id, unit_id, qty, base_qty, price, tax_rate FROM document_line "
        "WHERE document_id = ? ORDER BY line_no",
        (doc.id,),
    ).fetchall()
    item_ids = sorted({r[1] for r in rows if r[1]})
    items = {}
    for start in range(0, len(item_ids), 500):
        chunk = item_ids[start : start + 500]
        items.update({i.id: i for i in Item.select().where(Item.id.in_(chunk))})
    units = {u.id: u for u in Unit.select()}
    return [
        _Line(
            r[0],
            items.get(r[1]),
            units.get(r[2]),
            from_scaled(r[3], 4),
            from_scaled(r[4], 4),
            from_scaled(r[5], 6),
            DocumentLine.tax_rate.python_value(r[6]),
        )
        for r in rows
    ]


def order_to_delivery(order_id: int, date=None, warehouse=None, save=False):
    """XSDD → XSCK (CGDD → CGRK) with each line's open quantity."""
    order = documents.get_document(order_id)
    _approved(order, "XSDD", "CGDD")
    data = _header(order, execution.DELIVERY_OF[order.doc_type], date, warehouse=warehouse)
    data.warehouse = warehouse or order.warehouse
    lines = _lines_with_items(order)
    ids = [line.id for line in lines]
    got, closed = execution.delivered(ids), execution.closed_ids(ids)
    for line in lines:
        left = Decimal(0) if line.id in closed else line.base_qty - got[line.id]
        if left > 0:
            data.lines.append(line.carried(left))
    return _finish(data, save)


def delivery_to_invoice(delivery_id: int, date=None, save=False):
    """XSCK → XSFP (CGRK → CGFP; WWRK → CGFP for its processing fee) with the quantities
    not yet invoiced, at their prices."""
    delivery = documents.get_document(delivery_id)
    _approved(delivery, *INVOICE_FOR)
    return receipts_to_invoice([delivery], date, save)


def receipts_to_invoice(receipts: list[Document], date=None, save=False):
    """One invoice of what several approved deliveries (receipts) of one partner and
    currency have not had invoiced; 委外入库 lines without a fee are left out."""
    first = receipts[0]
    for doc in receipts:
        _approved(doc, *INVOICE_FOR)
        if (doc.partner_id, doc.currency, INVOICE_FOR[doc.doc_type]) != (
            first.partner_id,
            first.currency,
            INVOICE_FOR[first.doc_type],
        ):
            raise JxcError(
                tr(
                    "{n} 与 {f} 的往来单位、币种或发票类型不同，不能合并开票",
                    "{n} and {f} differ in partner, currency or invoice type",
                    n=doc.number,
                    f=first.number,
                )
            )
    data = _header(first, INVOICE_FOR[first.doc_type], date)
    if len(receipts) > 1:
        data.source = None  # each line names its own receipt line
    for doc in receipts:
        lines = _lines_with_items(doc)
        done = invoices.invoiced_base([x.id for x in lines])
        for line in lines:
            left = line.base_qty - done[line.id]
            if left > 0 and (doc.doc_type != "WWRK" or line.price):
                data.lines.append(line.carried(left))
    return _finish(data, save)


def invoice_to_money(doc_id: int, date=None, account="1002", save=False):
    """XSFP → SKD (CGFP → FKD; also straight from a delivery) for what is still open."""
    source = documents.get_document(doc_id)
    _approved(source, *MONEY_FOR)
    first = (
        DocumentLine.select().where(DocumentLine.document == source).order_by(DocumentLine.line_no)
    )
    first_line = first.first()
    probe = Document(doc_type=MONEY_FOR[source.doc_type], partner=source.partner)
    targets = [o for o in settlement.target_items(probe, first_line) if o.open > 0]
    data = _header(source, MONEY_FOR[source.doc_type], date)
    if source.currency == "CNY":
        data.currency, data.exchange_rate = "CNY", 1
        amount = money(yuan(sum(o.open for o in targets)))
    else:  # in the invoice's currency at its rate: the user enters the day's rate
        rates = exchange.item_currency([o.id for o in targets])
        amount = money(
            sum(
                (
                    money(yuan(o.open) / rates[o.id][1])
                    for o in targets
                    if rates[o.id][0] == source.currency
                ),
                yuan(0),
            )
        )
    if amount > 0:
        data.lines.append(LineInput(amount=amount, account=account, source_line=first_line))
    return _finish(data, save)


def save_and_approve(data: DocumentInput, doc_id: int | None = None):
    """Saves (a new draft, or over draft `doc_id`) and approves in one transaction, so a
    refusal leaves nothing behind: no new draft, and an edited draft as it was."""
    with write_transaction():
        doc = documents.save_draft(data, doc_id)
        return doc, documents.approve(doc.id)
