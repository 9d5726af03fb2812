"""The demo company's 加工费发票: the subcontractor invoices the fee of 4 of the 6 seat
cushions received (a 采购发票 naming the 委外入库 line, approved); the other 2 stay
未开票 on the 委外 page and in 委外对账."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from jxc_desktop.engine import documents
from jxc_desktop.engine.documents import DocumentInput, LineInput
from jxc_desktop.models.documents import Document, DocumentLine

INVOICED = Decimal(4)


def build_fee_invoice_demo(start: dt.date) -> str | None:
    """Invoices part of the demo's first 委外入库; the invoice's number (None without one)."""
    receipt = (
        Document.select()
        .where((Document.doc_type == "WWRK") & (Document.status == "approved"))
        .order_by(Document.date, Document.id)
        .first()
    )
    if receipt is None:
        return None
    line = receipt.lines.order_by(DocumentLine.line_no).first()
    fee = LineInput(
        item=line.item,
        qty=min(INVOICED, line.qty),
        price=line.price,
        tax_rate=line.tax_rate,
        source_line=line,
    )
    day = max(receipt.date, start) + dt.timedelta(days=3)
    invoice = documents.save_draft(
        DocumentInput("CGFP", day, [fee], partner=receipt.partner, remarks="加工费发票")
    )
    documents.approve(invoice.id)
    return invoice.number
