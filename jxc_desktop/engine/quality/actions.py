"""What follows an approved 质检单: 退回供应商 and 返工 rework orders.

退回供应商: one 采购退货 CGTH per quarantine warehouse and supplier, from the quarantine
warehouse, for the rejected quantities of the inspected receipt lines, at the receipt's
price and tax rate (so the payable falls by what was booked); each line names the
receipt line (源单) and the header names the inspection, so neither can be un-approved
under it. 返工: one 生产订单 SCDD for the rejected quantities of inspected work orders and
finished goods receipts, naming the inspection. Either refuses when the inspection
already has a live document of that kind.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from jxc_desktop.engine import documents, lookup, money
from jxc_desktop.engine.documents import DocumentInput, LineInput
from jxc_desktop.engine.errors import StateError
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.quality import inspections
from jxc_desktop.models.db import write_transaction
from jxc_desktop.models.documents import Document, DocumentLine
from jxc_desktop.models.masterdata import Warehouse


def _approved_inspection(doc_id: int) -> Document:
    doc = documents.get_document(doc_id)
    if doc.doc_type != "ZJD" or doc.status != "approved":
        raise StateError(
            tr("只能对已审核的质检单操作：{n}", "Only an approved inspection: {n}", n=doc.number)
        )
    return doc


def _refuse_existing(doc: Document, doc_type: str) -> None:
    existing = Document.select().where(
        (Document.source == doc) & (Document.doc_type == doc_type) & (Document.status != "void")
    )
    numbers = [d.number for d in existing]
    if numbers:
        raise StateError(
            tr(
                "质检单 {n} 已生成 {d}",
                "Inspection {n} already has {d}",
                n=doc.number,
                d=", ".join(numbers),
            )
        )


def _rejected_lines(doc: Document, source_types: tuple[str, ...]):
    results = inspections.results_of(doc)
    lines = DocumentLine.select().where(DocumentLine.document == doc).order_by(DocumentLine.line_no)
    for line in lines:
        r = results.get(line.id)
        if r is not None and r.rejected > 0 and line.source_line.document.doc_type in source_types:
            yield line, r


def _price_in_unit(src: DocumentLine, line: DocumentLine) -> Decimal:
    """The receipt line's price per the inspection line's unit."""
    if src.unit_id == line.unit_id:
        return src.price
    src_factor = lookup.unit_factor(src.item, src.unit)
    return money.price(src.price * lookup.unit_factor(line.item, line.unit) / src_factor)


def return_to_supplier(doc_id: int, date: dt.date | None = None, approve=False) -> list[Document]:
    """退回供应商: 采购退货 CGTH for the rejected goods of an inspection's receipt lines."""
    doc = _approved_inspection(doc_id)
    _refuse_existing(doc, "CGTH")
    groups: dict[tuple, list[LineInput]] = {}
    for line, r in _rejected_lines(doc, ("CGRK",)):
        src = line.source_line
        key = (r.quarantine_warehouse_id, src.document.partner_id, src.document.currency)
        groups.setdefault(key, []).append(
            LineInput(
                item=line.item,
                qty=r.rejected,
                unit=line.unit,
                price=_price_in_unit(src, line),
                tax_rate=src.tax_rate,
                batch_no=src.batch_no,
                source_line=src,
                remarks=r.defect_reason,
            )
        )
    if not groups:
        raise StateError(tr("没有可退回的不合格品", "Nothing rejected to return"))
    out = []
    with write_transaction():
        for (wh_id, _supplier, currency), lines in groups.items():
            receipt = lines[0].source_line.document
            data = DocumentInput(
                "CGTH",
                date or doc.date,
                lines,
                partner=receipt.partner,
                warehouse=Warehouse.get_by_id(wh_id),
                currency=currency,
                exchange_rate=receipt.exchange_rate,
                source=doc,
                remarks=tr("质检退货：{n}", "Rejected in inspection {n}", n=doc.number),
            )
            out.append(_save(data, approve))
    return out


def _save(data: DocumentInput, approve: bool) -> Document:
    saved = documents.save_draft(data)
    if approve:
        documents.approve(saved.id)
        saved = documents.get_document(saved.id)
    return saved


def create_rework_order(doc_id: int, date: dt.date | None = None, approve=False) -> Document:
    """返工: a 生产订单 for the rejected quantities of inspected production."""
    doc = _approved_inspection(doc_id)
    _refuse_existing(doc, "SCDD")
    lines = [
        LineInput(
            item=line.item,
            qty=r.rejected,
            unit=line.unit,
            due_date=date or doc.date,
            remarks=r.defect_reason,
        )
        for line, r in _rejected_lines(doc, ("SCDD", "CPRK"))
    ]
    if not lines:
        raise StateError(tr("没有需要返工的不合格品", "Nothing rejected to rework"))
    data = DocumentInput(
        "SCDD",
        date or doc.date,
        lines,
        source=doc,
        remarks=tr("返工：质检单 {n}", "Rework: inspection {n}", n=doc.number),
    )
    with write_transaction():
        return _save(data, approve)
