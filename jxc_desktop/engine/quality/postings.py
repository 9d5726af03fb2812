"""What approving a 质检单 ZJD writes, and the qualification warning on purchase orders.

The rejected quantity of an inspected receipt (CGRK / CPRK) moves from the receipt's
warehouse (its location and batch) to the quarantine warehouse, exactly like a 调拨单:
an issue at the valuation method's cost and a receipt linked to it, so the value only
changes warehouse (finance treats ZJD as self-balanced). Process inspections of a
work order move nothing. Un-approving writes the ledger's reversal.

Approving a 采购订单 CGDD to a supplier with an expired qualification (资质) is allowed
but the user is told (a warning, not a block).
"""

from __future__ import annotations

from jxc_desktop.engine import documents
from jxc_desktop.engine.documents import Posting, register_posting
from jxc_desktop.engine.inventory import batches, ledger
from jxc_desktop.engine.inventory.valuation import COMPUTED, LINKED
from jxc_desktop.engine.money import to_scaled
from jxc_desktop.engine.quality import inspections, qualifications
from jxc_desktop.models.documents import Document


def _validate(doc: Document):
    return inspections.check(doc)


def _planned(doc: Document) -> list[ledger.PlannedMove]:
    results = inspections.results_of(doc)
    planned: list[ledger.PlannedMove] = []
    lines = inspections.lines_of(doc)
    sources = inspections.source_lines(lines)
    for line in lines:
        r = results.get(line.id)
        src = sources[line.source_line_id]
        if r is None or r.rejected <= 0 or src.document.doc_type not in inspections.STOCK_SOURCES:
            continue
        units = to_scaled(inspections.rejected_base(line, r), 4)
        allocated = batches.allocate(
            line.item, src.document.warehouse_id, src.location_id, src.batch_no, units
        )
        for loc, batch, qty in allocated:
            planned.append(
                ledger.PlannedMove(
                    line.id, line.item, src.document.warehouse_id, loc, batch, -qty, COMPUTED,
                    line_no=line.line_no,
                )
            )  # fmt: skip
            planned.append(
                ledger.PlannedMove(
                    line.id, line.item, r.quarantine_warehouse_id, None, batch, qty, LINKED,
                    link=len(planned) - 1, line_no=line.line_no,
                )
            )  # fmt: skip
    return planned


def _post(doc: Document):
    planned = _planned(doc)
    return ledger.post(doc, planned) if planned else ledger.PostResult()


def _purchase_order_warning(doc: Document, result) -> list[str] | None:
    if doc.doc_type != "CGDD" or not doc.partner_id:
        return None
    return qualifications.expiry_warnings(doc.partner_id, doc.date) or None


register_posting("ZJD", Posting(_validate, _post, ledger.reverse))
documents.on_approve(_purchase_order_warning)
