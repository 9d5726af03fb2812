"""委外 from the order, in one action each: send the BOM's materials, receive the product.

The 生产 tab's 委外 page lists the approved 委外订单 WWDD; "发料" saves and approves one
委外发料 WWFL of what the BOM still needs for the ordered quantity (need − sent + returned,
per component), "收货" one 委外入库 WWRK of a quantity at a processing fee. Their lines
name the order's line (源单编号), exactly as typed or imported documents do; the costing
and the books are outsourcing.py's. "开加工费发票" saves one 采购发票 CGFP of the fee the
order's receipts have not had invoiced (trade's generator, lines naming the WWRK lines).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from jxc_desktop.engine import documents, money
from jxc_desktop.engine.documents import DocumentInput, LineInput
from jxc_desktop.engine.errors import NotFound, Problem, StateError, ValidationError
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.production.bom import components
from jxc_desktop.models.db import write_transaction
from jxc_desktop.models.documents import Document, DocumentLine

SIGN = {"WWFL": 1, "WWTL": -1}


@dataclass
class OutsourcingOrder:
    number: str
    partner: str
    item: str
    qty: Decimal
    received: Decimal
    invoiced: Decimal = Decimal(0)  # received quantity whose fee has been invoiced
    uninvoiced_fee: Decimal = Decimal(0)  # the rest's fee incl. VAT (document currency)


def _order_line(number: str) -> DocumentLine:
    doc = documents.find_document(number)
    if doc is None or doc.doc_type != "WWDD":
        raise NotFound(tr("找不到委外订单 {n}", "No outsourcing order {n}", n=number))
    if doc.status != "approved":
        raise StateError(
            tr("委外订单 {n} 尚未审核", "Outsourcing order {n} is not approved", n=doc.number)
        )
    return (
        DocumentLine.select()
        .where(DocumentLine.document == doc)
        .order_by(DocumentLine.line_no)
        .first()
    )


def _moved(order_line: DocumentLine, types: dict[str, int]) -> dict[int, Decimal]:
    """Base quantity per item of approved documents of `types` naming the order line."""
    rows = (
        DocumentLine.select(DocumentLine.item, DocumentLine.base_qty, Document.doc_type)
        .join(Document)
        .where(
            (DocumentLine.source_line == order_line)
            & (Document.status == "approved")
            & Document.doc_type.in_(list(types))
        )
        .tuples()
    )
    out: dict[int, Decimal] = {}
    for item_id, base_qty, doc_type in rows:
        out[item_id] = out.get(item_id, Decimal(0)) + types[doc_type] * base_qty
    return out


def open_orders() -> list[OutsourcingOrder]:
    """Approved 委外订单 (first line: the product), with what has been received, how
    much of that the subcontractor has invoiced and the fee still to be invoiced."""
    out = []
    orders = Document.select().where(
        (Document.doc_type == "WWDD") & (Document.status == "approved")
    )
    for doc in orders.order_by(Document.date, Document.id):
        line = doc.lines.order_by(DocumentLine.line_no).first()
        if line is None or line.item is None:
            continue
        got = _moved(line, {"WWRK": 1}).get(line.item_id, Decimal(0))
        partner = doc.partner.name if doc.partner_id else ""
        receipts = _receipt_lines(line)
        left = _fee_left(receipts)
        billed = sum((x.base_qty for x in receipts if x.total), Decimal(0))
        billed -= sum((f.qty for f in left), Decimal(0))
        fee = sum((f.total for f in left), Decimal(0))
        item = line.item.code
        out.append(OutsourcingOrder(doc.number, partner, item, line.base_qty, got, billed, fee))
    return out


def _receipt_lines(order_line: DocumentLine) -> list[DocumentLine]:
    """The approved 委外入库 lines that name the order line, oldest first."""
    return list(
        DocumentLine.select()
        .join(Document)
        .where(
            (DocumentLine.source_line == order_line)
            & (Document.status == "approved")
            & (Document.doc_type == "WWRK")
        )
        .order_by(Document.date, Document.id, DocumentLine.line_no)
    )


@dataclass
class UninvoicedFee:
    """A 委外入库 line's fee the subcontractor has not invoiced yet."""

    receipt: str
    line_no: int
    qty: Decimal  # base units not yet invoiced
    total: Decimal  # their fee incl. VAT (pro rata, document currency)


def uninvoiced_fee(number: str) -> list[UninvoicedFee]:
    """The order's received quantities whose processing fee is not invoiced, oldest first."""
    return _fee_left(_receipt_lines(_order_line(number)))


def _fee_left(receipt_lines: list[DocumentLine]) -> list[UninvoicedFee]:
    from jxc_desktop.engine.trade.invoices import invoiced_base

    lines = [x for x in receipt_lines if x.total]
    done = invoiced_base([x.id for x in lines])
    out = []
    for x in lines:
        left = x.base_qty - done[x.id]
        if left > 0:
            total = money.money(x.total * left / x.base_qty)
            out.append(UninvoicedFee(x.document.number, x.line_no, left, total))
    return out


def invoice_fee(number: str, date: dt.date | None = None, approve: bool = False) -> str:
    """开加工费发票: saves one 采购发票 CGFP draft (approved too when `approve`) of the
    processing fee the order's 委外入库 have not had invoiced: their quantities at the
    fee and its rate, each line naming its receipt line; its number."""
    from jxc_desktop.engine.trade import generate

    line = _order_line(number)
    receipts: dict[int, Document] = {}
    for r in _receipt_lines(line):
        receipts.setdefault(r.document_id, r.document)
    if not receipts:
        raise StateError(
            tr(
                "委外订单 {n} 还没有收货，没有加工费可开票",
                "Order {n} has no receipts: no processing fee to invoice",
                n=line.document.number,
            )
        )
    with write_transaction():
        draft = generate.receipts_to_invoice(list(receipts.values()), date, save=True)
        if approve:
            documents.approve(draft.id)
    return draft.number


def to_send(number: str) -> list[tuple[str, Decimal]]:
    """(component, quantity) the BOM still needs at the subcontractor for the order."""
    line = _order_line(number)
    sent = _moved(line, SIGN)
    out = []
    for comp, per, _bom_line in components(line.item, line.document.date):
        need = money.qty(line.base_qty * per) - sent.get(comp.id, Decimal(0))
        if need > 0:
            out.append((comp.code, need))
    return out


def send_materials(number: str, warehouse: str, date: dt.date | None = None) -> str:
    """Saves and approves one 委外发料 WWFL of what is still to send; its number."""
    line = _order_line(number)
    if not (warehouse or "").strip():
        raise ValidationError([Problem(tr("请选择发料仓库", "Choose the warehouse"), "warehouse")])
    wanted = to_send(number)
    if not wanted:
        raise StateError(
            tr("委外订单 {n} 的材料已发齐", "Outsourcing order {n} has all its materials", n=number)
        )
    lines = [LineInput(item=code, qty=qty, source_line=line) for code, qty in wanted]
    return _save(line.document, "WWFL", lines, warehouse, date)


def at_subcontractor(number: str) -> list[tuple[str, Decimal]]:
    """(component, quantity) sent for the order and neither consumed nor returned yet."""
    from jxc_desktop.engine.money import from_scaled
    from jxc_desktop.engine.production.outsourcing import held
    from jxc_desktop.models.masterdata import Item

    line = _order_line(number)
    out = []
    for (_order, item_id), h in sorted(held([line.document_id]).items()):
        if h.qty > 0:
            out.append((Item.get_by_id(item_id).code, from_scaled(h.qty, 4)))
    return out


def return_materials(number: str, warehouse: str, date: dt.date | None = None) -> str:
    """Saves and approves one 委外退料 WWTL of everything still at the subcontractor for
    the order (when it is finished or cancelled); its number."""
    line = _order_line(number)
    if not (warehouse or "").strip():
        raise ValidationError([Problem(tr("请选择退回仓库", "Choose the warehouse"), "warehouse")])
    held_now = at_subcontractor(number)
    if not held_now:
        raise StateError(
            tr(
                "委外订单 {n} 在加工单位没有剩余材料",
                "Nothing of order {n} is left at the subcontractor",
                n=number,
            )
        )
    lines = [LineInput(item=code, qty=qty, source_line=line) for code, qty in held_now]
    return _save(line.document, "WWTL", lines, warehouse, date)


def receive_product(
    number: str, qty, fee, warehouse: str, date: dt.date | None = None, tax_rate=None
) -> str:
    """Saves and approves one 委外入库 WWRK of `qty` at the processing fee `fee` per unit
    (excl. VAT; the order line's rate unless `tax_rate`); its number."""
    line = _order_line(number)
    problems = []
    amount = _number(qty)
    if amount is None or amount <= 0:
        problems.append(Problem(tr("数量必须大于零", "The quantity must be above zero"), "qty"))
    price = _number(fee)
    if price is None or price < 0:
        problems.append(Problem(tr("加工费单价无效", "Invalid processing fee"), "fee"))
    if not (warehouse or "").strip():
        problems.append(Problem(tr("请选择入库仓库", "Choose the warehouse"), "warehouse"))
    if problems:
        raise ValidationError(problems)
    rate = line.tax_rate if tax_rate is None else tax_rate
    receipt = LineInput(item=line.item, qty=amount, price=price, tax_rate=rate, source_line=line)
    return _save(line.document, "WWRK", [receipt], warehouse, date)


def _number(text) -> Decimal | None:
    try:
        return money.D(str(text).strip())
    except (ValueError, TypeError, ArithmeticError):
        return None


def _save(order: Document, doc_type: str, lines, warehouse: str, date) -> str:
    partner = order.partner.code if order.partner_id else None
    data = DocumentInput(
        doc_type, date or dt.date.today(), lines, partner=partner, warehouse=warehouse
    )
    with write_transaction():
        draft = documents.save_draft(data)
        documents.approve(draft.id)
    return draft.number
