"""生成下游单据: order → delivery (receipt), delivery → invoice, invoice → money.

Each function returns a DocumentInput draft carrying what is still open, with each line's
source_line set; `save=True` saves it as a draft document instead (never approved here:
the user checks it first).
"""

from __future__ import annotations

import datetime as dt

from jxc_desktop.engine import documents
from jxc_desktop.engine.documents import DocumentInput, LineInput
from jxc_desktop.engine.errors import JxcError
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.money import money, qty, yuan
from jxc_desktop.engine.trade import exchange, execution, invoices, settlement
from jxc_desktop.models.db import write_transaction
from jxc_desktop.models.documents import Document, DocumentLine

INVOICE_FOR = {"XSCK": "XSFP", "CGRK": "CGFP"}
MONEY_FOR = {"XSFP": "SKD", "CGFP": "FKD", "XSCK": "SKD", "CGRK": "FKD"}


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
    if doc.doc_type not in types or doc.status != "approved":
        raise JxcError(
            tr(
                "单据 {n} 不是已审核的 {t}",
                "{n} is not an approved {t}",
                n=doc.number,
                t="/".join(types),
            )
        )


def order_to_delivery(order_id: int, date=None, warehouse=None, save=False):
    """XSDD → XSCK (CGDD → CGRK) with each line's open quantity."""
    order = documents.get_document(order_id)
    _approved(order, "XSDD", "CGDD")
    data = _header(order, execution.DELIVERY_OF[order.doc_type], date, warehouse=warehouse)
    data.warehouse = warehouse or order.warehouse
    for st in execution.line_states(order):
        line = st.line
        if st.open <= 0:
            continue
        factor = line.base_qty / line.qty if line.qty else 1
        data.lines.append(
            LineInput(
                item=line.item,
                unit=line.unit,
                qty=qty(st.open / factor),
                price=line.price,
                tax_rate=line.tax_rate,
                source_line=line,
            )
        )
    return _finish(data, save)


def delivery_to_invoice(delivery_id: int, date=None, save=False):
    """XSCK → XSFP (CGRK → CGFP) with the quantities not yet invoiced, at their prices."""
    delivery = documents.get_document(delivery_id)
    _approved(delivery, "XSCK", "CGRK")
    data = _header(delivery, INVOICE_FOR[delivery.doc_type], date)
    lines = list(DocumentLine.select().where(DocumentLine.document == delivery))
    done = invoices.invoiced_base([x.id for x in lines])
    for line in sorted(lines, key=lambda x: x.line_no):
        left = line.base_qty - done[line.id]
        if left <= 0:
            continue
        factor = line.base_qty / line.qty
        data.lines.append(
            LineInput(
                item=line.item,
                unit=line.unit,
                qty=qty(left / factor),
                price=line.price,
                tax_rate=line.tax_rate,
                source_line=line,
            )
        )
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
