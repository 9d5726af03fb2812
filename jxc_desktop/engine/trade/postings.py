"""What approving trade documents does to receivables and payables.

- ar_ap_basis = delivery (default): 销售出库 XSCK / 采购入库 CGRK create open items for
  their totals incl. tax; 销售退货 XSTH / 采购退货 CGTH negative ones. A 发票 XSFP/CGFP
  line linked to a delivery (receipt) line records the invoice and clears "delivered,
  not yet invoiced"; when its total differs from the delivered value of the same
  quantity, the difference becomes an item of its own (the price difference). An
  unlinked invoice line only records the invoice.
- ar_ap_basis = invoice: only XSFP/CGFP create items (their full totals).
- A CGFP line may invoice a 委外入库 WWRK line (the subcontractor's 加工费发票): under
  delivery basis the receipt's fee is already payable (outsourcing.py writes it) and the
  invoice carries only the price difference, exactly as against a CGRK line.
- 收款单 SKD / 付款单 FKD settle items (see settlement.py).
The item's basis is decided when the document is approved; un-approving reverses exactly
what was written, whatever the setting says by then.
"""

from __future__ import annotations

from decimal import Decimal

from jxc_desktop.engine import documents, settings
from jxc_desktop.engine.documents import Posting, register_posting
from jxc_desktop.engine.errors import Problem
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.money import money
from jxc_desktop.engine.trade import credit, exchange, execution, invoices, openitems, settlement
from jxc_desktop.engine.trade.linked import line_totals, linked_lines
from jxc_desktop.models.documents import Document, DocumentLine

DELIVERY_SIGN = {"XSCK": 1, "XSTH": -1, "CGRK": 1, "CGTH": -1}
# the lines an invoice's price difference is measured against (WWRK: the processing fee)
INVOICED_SOURCES = (*DELIVERY_SIGN, "WWRK")
INVOICES = ("XSFP", "CGFP")
MONEY = ("SKD", "FKD")


def _lines(doc: Document) -> list[DocumentLine]:
    return list(
        DocumentLine.select().where(DocumentLine.document == doc).order_by(DocumentLine.line_no)
    )


def _delivery_items(doc: Document) -> None:
    sign = DELIVERY_SIGN[doc.doc_type]
    openitems.add_items(doc, [(line_id, sign * total) for line_id, total in line_totals(doc.id)])


def _invoice_items(doc: Document, basis: str) -> None:
    if basis == "invoice":
        openitems.add_items(doc, line_totals(doc.id))
        return
    rows = []
    for line in linked_lines(doc.id):
        if line.source_type not in INVOICED_SOURCES or not line.source_qty:
            continue
        delivered_value = money(line.source_total * line.base_qty / line.source_base_qty)
        if line.total != delivered_value:  # the price difference is an item of its own
            rows.append((line.line_id, line.total - delivered_value))
    openitems.add_items(doc, rows)


def after_approve(doc: Document, result) -> list[str] | None:
    """Writes the open items of a delivery, receipt, return or invoice, and nets them;
    says which advances (预收 / 预付) that used up."""
    basis = settings.get("ar_ap_basis")
    if doc.doc_type in DELIVERY_SIGN and basis == "delivery":
        _delivery_items(doc)
    elif doc.doc_type in INVOICES:
        _invoice_items(doc, basis)
    elif doc.doc_type in MONEY:
        return settlement.apply_money(doc)
    else:
        return credit.warn_after_approve(doc)
    used = settlement.advances_used(doc, openitems.net_new_items(doc))
    return used + (credit.warn_after_approve(doc) or [])


def after_unapprove(doc: Document, result) -> None:
    if doc.doc_type in MONEY:
        exchange.reverse(doc)
    if doc.doc_type in DELIVERY_SIGN or doc.doc_type in INVOICES or doc.doc_type in MONEY:
        openitems.reverse_document(doc)


def validate(doc: Document) -> list[Problem]:
    """Checks that run before any trade document is approved."""
    problems = execution.validate_against_orders(doc)
    if doc.doc_type in INVOICES:
        problems += invoices.validate_invoice(doc)
    problems += credit.validate_credit(doc)
    return problems


def _validate_money(doc: Document) -> list[Problem]:
    problems = []
    for line in _lines(doc):
        if line.account and not line.account.startswith(("1001", "1002")):
            problems.append(
                Problem(
                    tr(
                        "账户 {a} 不是现金或银行科目",
                        "Account {a} is not a cash or bank account",
                        a=line.account,
                    ),
                    tr("第 {n} 行", "line {n}", n=line.line_no),
                )
            )
        if line.amount <= Decimal(0):
            problems.append(Problem(tr("金额必须大于 0", "The amount must be greater than 0")))
    return problems


for _prefix in MONEY:
    register_posting(_prefix, Posting(validate=_validate_money))
for _prefix in INVOICES:
    register_posting(_prefix, Posting())
documents.on_validate(validate)
documents.on_approve(after_approve)
documents.on_unapprove(after_unapprove)
