"""委外 outsourcing: materials sent to a subcontractor, products received with a fee.

- 委外订单 WWDD (an order: approving it commits it) names the product and quantity.
- 委外发料 WWFL issues materials from our warehouse at the valuation method's cost into
  1408 委托加工物资; each line names the WWDD through 源单编号 (its source line).
- 委外退料 WWTL brings unused materials back from the subcontractor at the average cost
  of what is still there for that order (the last unit takes the rest: no fen lost).
- 委外入库 WWRK receives the product. Its line names the WWDD line, and its price is the
  processing fee (加工费, excl. tax) with its VAT. The product's cost = the materials it
  consumed at the subcontractor + the fee (net of VAT for a general taxpayer, gross for
  a small-scale one). Consumption follows the product's BOM in force on the receipt
  date (quantity × BOM quantity incl. scrap, 4 places); without a BOM the receipt takes
  its share of everything at the subcontractor by the order quantity still to come.
  A component consumed at the average cost of what is at the subcontractor; the last
  units take the rest. Consumption is recorded in `OutsourcingConsumption`.
- Books (finance's voucher builder): WWFL Dr 1408 / Cr inventory; WWRK Dr 1405 / Cr 1408
  for the whole value, and a second voucher for the fee: Dr 1408 + 进项税额 / Cr 2202 by
  subcontractor; WWTL Dr inventory / Cr 1408. The fee is a payable open item (trade).
  With ar_ap_basis = invoice the fee voucher is Dr 1408 / Cr 应付暂估 (no open item): the
  subcontractor's 加工费发票, a CGFP whose lines name the WWRK lines, makes it payable.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from jxc_desktop.engine import documents
from jxc_desktop.engine.company import get_company
from jxc_desktop.engine.documents import Posting, register_posting
from jxc_desktop.engine.errors import Problem, StateError
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.inventory import batches, ledger
from jxc_desktop.engine.inventory.postings import ISSUE, RECEIPT
from jxc_desktop.engine.inventory.valuation import FIXED
from jxc_desktop.engine.money import from_scaled, money, mul_div_round, qty, to_scaled
from jxc_desktop.engine.production.bom import components
from jxc_desktop.models.db import execute
from jxc_desktop.models.documents import Document, DocumentLine
from jxc_desktop.models.masterdata import Item
from jxc_desktop.models.production import OutsourcingConsumption

ORDER, SEND, RECEIVE, RETURN = "WWDD", "WWFL", "WWRK", "WWTL"
# voucher rule rows the outsourcing documents need (seeded into older companies too)
RULES = [
    ("outsourcing_send", "1408", ""),
    ("outsourcing_receipt", "", "1408"),
    ("outsourcing_fee", "1408", "2202"),
]


@dataclass
class Held:
    """What is at the subcontractor of one component for one order (1e-4 units, fen)."""

    sent_qty: int = 0
    sent_value: int = 0
    returned_qty: int = 0
    returned_value: int = 0
    consumed_qty: int = 0
    consumed_value: int = 0

    @property
    def qty(self) -> int:
        return self.sent_qty - self.returned_qty - self.consumed_qty

    @property
    def value(self) -> int:
        return self.sent_value - self.returned_value - self.consumed_value


@dataclass
class Consumed:
    line: DocumentLine
    order_id: int
    item_id: int
    qty: int
    value: int


@dataclass
class _Plan:
    consumed: list[Consumed] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _where(line: DocumentLine) -> str:
    return tr("第 {n} 行", "line {n}", n=line.line_no)


def order_of(line: DocumentLine) -> Document | None:
    """The 委外订单 a line names through its source line."""
    if not line.source_line_id:
        return None
    doc = line.source_line.document
    return doc if doc.doc_type == ORDER else None


# moves of approved documents that are not reversed, with the re-valuations they received
_MOVES = (
    "SELECT s.document_id, m.item_id, SUM(m.qty), SUM(m.value + COALESCE((SELECT SUM(r.value) "
    "FROM stock_move r WHERE r.adjusts_id = m.id AND r.kind = 'reval'), 0)) "
    "FROM stock_move m JOIN document d ON d.id = m.document_id "
    "JOIN document_line l ON l.id = m.line_id JOIN document_line s ON s.id = l.source_line_id "
    "WHERE d.doc_type = ? AND d.status = 'approved' AND m.kind = 'move' AND NOT EXISTS "
    "(SELECT 1 FROM stock_move x WHERE x.adjusts_id = m.id AND x.kind = 'reverse') {extra}"
    "GROUP BY s.document_id, m.item_id"
)


def held(order_ids: list[int] | None = None) -> dict[tuple[int, int], Held]:
    """(order id, component id) → what was sent, returned, consumed and is still there."""
    extra, args = "", []
    if order_ids is not None:
        extra = f"AND s.document_id IN ({','.join('?' * len(order_ids)) or 'NULL'}) "
        args = list(order_ids)
    out: dict[tuple[int, int], Held] = {}
    for doc_type, sign, fields in ((SEND, -1, "sent"), (RETURN, 1, "returned")):
        for order_id, item_id, units, value in execute(
            _MOVES.format(extra=extra), [doc_type, *args]
        ).fetchall():
            h = out.setdefault((order_id, item_id), Held())
            setattr(h, f"{fields}_qty", sign * int(units))
            setattr(h, f"{fields}_value", sign * int(value))
    query = OutsourcingConsumption.select()
    if order_ids is not None:
        query = query.where(OutsourcingConsumption.order.in_(order_ids))
    for row in query:
        h = out.setdefault((row.order_id, row.item_id), Held())
        h.consumed_qty += to_scaled(row.qty, 4)
        h.consumed_value += to_scaled(row.value, 2)
    return out


def _take(h: Held, units: int) -> int:
    """The value of `units` taken from what is held, at its average (all when all is taken)."""
    return h.value if units == h.qty else mul_div_round(h.value, units, h.qty)


def _short(line: DocumentLine, item, need: int, have: int) -> Problem:
    return Problem(
        tr(
            "委外加工商处 {c} 不足：需要 {n}，尚有 {h}",
            "Not enough {c} at the subcontractor: {n} needed, {h} there",
            c=item.code,
            n=from_scaled(need, 4),
            h=from_scaled(max(have, 0), 4),
        ),
        _where(line),
    )


def _to_come(order: Document, line: DocumentLine, exclude_doc: int) -> int:
    """Units of the order's product still to be received (other approved receipts out)."""
    ordered = sum(
        to_scaled(o.base_qty, 4)
        for o in DocumentLine.select().where(
            (DocumentLine.document == order) & (DocumentLine.item == line.item_id)
        )
    )
    (got,) = execute(
        "SELECT COALESCE(SUM(l.base_qty), 0) FROM document_line l JOIN document d ON "
        "d.id = l.document_id JOIN document_line s ON s.id = l.source_line_id "
        "WHERE d.doc_type = ? AND d.status = 'approved' AND s.document_id = ? AND d.id <> ? "
        "AND l.item_id = ?",
        (RECEIVE, order.id, exclude_doc, line.item_id),
    ).fetchone()
    return ordered - int(got)


def _needs(doc: Document, line: DocumentLine, order: Document, stock) -> list[tuple]:
    """(component, units) the line consumes: per BOM, else a share of everything held."""
    units = to_scaled(line.base_qty, 4)
    per_bom = components(line.item, doc.date)
    if per_bom:
        return [(comp, to_scaled(qty(line.base_qty * per), 4)) for comp, per, _l in per_bom]
    to_come = _to_come(order, line, doc.id)
    out = []
    for (order_id, _item_id), h in stock.items():
        if order_id != order.id or h.qty <= 0:
            continue
        share = h.qty if units >= to_come else mul_div_round(h.qty, units, to_come)
        out.append((Item.get_by_id(_item_id), share))
    return out


def plan_receipt(doc: Document) -> _Plan:
    """What each line of a 委外入库 consumes, or every problem that prevents it."""
    plan = _Plan()
    lines = list(DocumentLine.select().where(DocumentLine.document == doc))
    orders = {line.id: order_of(line) for line in lines}
    stock = held([o.id for o in orders.values() if o is not None])
    for line in sorted(lines, key=lambda x: x.line_no):
        order = orders[line.id]
        if order is None or order.status != "approved":
            plan.problems.append(
                Problem(
                    tr(
                        "委外入库必须指定已审核的委外订单（源单编号）",
                        "An outsourcing receipt must name an approved outsourcing order (源单编号)",
                    ),
                    _where(line),
                )
            )
            continue
        for comp, need in _needs(doc, line, order, stock):
            h = stock.setdefault((order.id, comp.id), Held())
            if need > h.qty:
                plan.problems.append(_short(line, comp, need, h.qty))
                continue
            value = _take(h, need) if need else 0
            h.consumed_qty += need
            h.consumed_value += value
            plan.consumed.append(Consumed(line, order.id, comp.id, need, value))
    return plan


def _fee_fen(doc: Document, line: DocumentLine) -> int:
    """The processing fee in the product's cost: net of VAT unless small-scale."""
    amount = line.total if get_company().taxpayer_type == "small" else line.amount
    if doc.currency != "CNY":
        amount = money(amount * doc.exchange_rate)
    return to_scaled(amount, 2)


def _validate_receipt(doc: Document) -> list[Problem]:
    return RECEIPT.validate(doc) + plan_receipt(doc).problems


def _post_receipt(doc: Document):
    ensure_rules()
    plan = plan_receipt(doc)
    material: dict[int, int] = {}
    for c in plan.consumed:
        material[c.line.id] = material.get(c.line.id, 0) + c.value
        OutsourcingConsumption.create(
            document=doc,
            line_id=c.line.id,
            order=c.order_id,
            item=c.item_id,
            qty=from_scaled(c.qty, 4),
            value=from_scaled(c.value, 2),
        )
    planned = []
    for line in DocumentLine.select().where(DocumentLine.document == doc):
        if line.batch_no:
            batches.ensure_batch(line.item, line.batch_no, line.production_date, line.expiry_date)
        value = material.get(line.id, 0) + _fee_fen(doc, line)
        planned.append(
            ledger.PlannedMove(
                line.id,
                line.item,
                doc.warehouse_id,
                line.location_id,
                line.batch_no,
                to_scaled(line.base_qty, 4),
                FIXED,
                value,
                line_no=line.line_no,
            )
        )
    return ledger.post(doc, planned)


def _unpost_receipt(doc: Document):
    OutsourcingConsumption.delete().where(OutsourcingConsumption.document == doc).execute()
    return ledger.reverse(doc)


def _named_order_problems(doc: Document) -> list[Problem]:
    problems = []
    for line in DocumentLine.select().where(DocumentLine.document == doc):
        order = order_of(line)
        if order is None or order.status != "approved":
            problems.append(
                Problem(
                    tr(
                        "委外发料/退料必须指定已审核的委外订单（源单编号）",
                        "Outsourcing material lines must name an approved outsourcing order",
                    ),
                    _where(line),
                )
            )
    return problems


def _validate_send(doc: Document) -> list[Problem]:
    return ISSUE.validate(doc) + _named_order_problems(doc)


def _post_send(doc: Document):
    ensure_rules()
    return ISSUE.post(doc)


def _unpost_send(doc: Document):
    """Un-approving a 委外发料 is refused once a 委外入库 has consumed, or a 委外退料 has
    brought back, its materials for the same order: those were valued from what was
    sent, this document included (un-approve them first, as with any downstream
    document)."""
    users = _material_users(doc)
    if users:
        raise StateError(
            tr(
                "委外发料 {n} 的材料已被 {d} 使用，请先反审核这些单据",
                "The materials of {n} were used by {d}; un-approve those first",
                n=doc.number,
                d=", ".join(users),
            )
        )
    return ledger.reverse(doc)


def _material_users(doc: Document) -> list[str]:
    """Approved 委外入库 and 委外退料 numbers that took this send's (order, component)s."""
    pairs = {
        (order.id, line.item_id)
        for line in DocumentLine.select().where(DocumentLine.document == doc)
        if (order := order_of(line)) is not None
    }
    found: set[str] = set()
    for order_id, item_id in pairs:
        found.update(
            number
            for (number,) in execute(
                "SELECT DISTINCT d.number FROM outsourcing_consumption c "
                "JOIN document d ON d.id = c.document_id "
                "WHERE c.order_id = ? AND c.item_id = ? AND d.status = 'approved'",
                (order_id, item_id),
            )
        )
        found.update(
            number
            for (number,) in execute(
                "SELECT DISTINCT d.number FROM document_line l "
                "JOIN document d ON d.id = l.document_id "
                "JOIN document_line s ON s.id = l.source_line_id "
                "WHERE d.doc_type = ? AND d.status = 'approved' AND s.document_id = ? "
                "AND l.item_id = ?",
                (RETURN, order_id, item_id),
            )
        )
    return sorted(found)


def _validate_return(doc: Document) -> list[Problem]:
    problems = RECEIPT.validate(doc) + _named_order_problems(doc)
    if not problems:
        problems = _plan_return(doc)[1]
    return problems


def _plan_return(doc: Document) -> tuple[list, list[Problem]]:
    lines = list(DocumentLine.select().where(DocumentLine.document == doc))
    stock = held(list({order_of(line).id for line in lines}))
    planned, problems = [], []
    for line in sorted(lines, key=lambda x: x.line_no):
        h = stock.setdefault((order_of(line).id, line.item_id), Held())
        units = to_scaled(line.base_qty, 4)
        if units > h.qty:
            problems.append(_short(line, line.item, units, h.qty))
            continue
        value = _take(h, units)
        h.returned_qty += units
        h.returned_value += value
        planned.append(
            ledger.PlannedMove(
                line.id,
                line.item,
                doc.warehouse_id,
                line.location_id,
                line.batch_no,
                units,
                FIXED,
                value,
                line_no=line.line_no,
            )
        )
    return planned, problems


def _post_return(doc: Document):
    ensure_rules()
    for line in DocumentLine.select().where(DocumentLine.document == doc):
        if line.batch_no:
            batches.ensure_batch(line.item, line.batch_no, line.production_date, line.expiry_date)
    return ledger.post(doc, _plan_return(doc)[0])


def ensure_rules() -> None:
    """Adds the outsourcing voucher rules to a company seeded before they existed."""
    from jxc_desktop.engine.finance.rules import ensure_default_rules
    from jxc_desktop.models.finance import VoucherRule

    ensure_default_rules()
    have = {r.event for r in VoucherRule.select(VoucherRule.event)}
    for event, debit, credit in RULES:
        if event not in have:
            VoucherRule.create(
                event=event, item_type="", debit_account=debit, credit_account=credit
            )


# ---------------------------------------------------------------- the fee payable


def fee_lines(doc: Document) -> list[DocumentLine]:
    """The receipt's lines that carry a processing fee."""
    return [
        line
        for line in DocumentLine.select().where(DocumentLine.document == doc)
        if line.total != Decimal(0)
    ]


def _after_approve(doc: Document, result) -> None:
    from jxc_desktop.engine import settings

    # under invoice basis the fee is payable when the subcontractor's invoice (CGFP
    # naming the receipt lines) is approved; until then it is 应付暂估 in the books
    if doc.doc_type != RECEIVE or settings.get("ar_ap_basis") == "invoice":
        return None
    from jxc_desktop.engine.trade import openitems

    for line in fee_lines(doc):
        openitems.add_item(doc, line, line.total)
    openitems.net_new_items(doc)
    return None


def _after_unapprove(doc: Document, result) -> None:
    if doc.doc_type == RECEIVE:
        from jxc_desktop.engine.trade import openitems

        openitems.reverse_document(doc)


register_posting(SEND, Posting(_validate_send, _post_send, _unpost_send))
register_posting(RETURN, Posting(_validate_return, _post_return, ledger.reverse))
register_posting(RECEIVE, Posting(_validate_receipt, _post_receipt, _unpost_receipt))
documents.on_approve(_after_approve)
documents.on_unapprove(_after_unapprove)
