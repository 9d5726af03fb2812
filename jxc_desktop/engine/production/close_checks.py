"""Production's items on the month-end close checklist (finance/close_warnings.py).

- 完工入库 at zero cost: an approved 产品入库 CPRK line of the month whose settled value
  (its moves, revaluations and the cost run's adjustments) is zero — typically a work
  order received without any material issued; the month would lock that in.
- 委外 material left at the subcontractor: a 委外订单 fully received whose sent
  material is neither consumed nor returned; it stays on 1408 委托加工物资 until it
  is returned (退料) or written off.
Warnings, not refusals: the user may know better (a free sample, a pending return).
"""

from __future__ import annotations

from jxc_desktop.engine.company import month_bounds
from jxc_desktop.engine.finance.close_warnings import register
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.money import format_money, format_qty, yuan
from jxc_desktop.engine.production import outsourcing_actions
from jxc_desktop.engine.production import workorders as wo
from jxc_desktop.models.documents import Document, DocumentLine
from jxc_desktop.models.masterdata import Item


@register
def zero_cost_receipts(code: str) -> list[str]:
    """One warning per CPRK line of the month that carries no cost."""
    start, end = month_bounds(code)
    lines = list(
        DocumentLine.select(DocumentLine, Document)
        .join(Document)
        .where(
            (Document.doc_type.in_(wo.RECEIPT_TYPES))
            & (Document.status == "approved")
            & (Document.date >= start)
            & (Document.date <= end)
            & (DocumentLine.base_qty > 0)
        )
        .order_by(Document.date, Document.id, DocumentLine.line_no)
    )
    ids = [line.id for line in lines]
    values, adjusted = wo.line_values(ids), wo.adjustment_values(ids)
    out = []
    for line in lines:
        if values.get(line.id, 0) + adjusted.get(line.id, 0) != 0:
            continue
        out.append(
            tr(
                "完工入库 {d} {i} {q} 成本为 0（{o} 未领料？）：请领料后重新成本计算",
                "Finished goods receipt {d}: {i} {q} at zero cost ({o} had no material?): "
                "issue the materials and run the costing again",
                d=line.document.number,
                i=_item_text(line.item_id),
                q=format_qty(line.base_qty),
                o=line.cost_object or tr("生产订单", "the work order"),
            )
        )
    return out


@register
def material_at_subcontractor(code: str) -> list[str]:
    """One warning per fully received 委外订单 still holding sent material."""
    from jxc_desktop.engine.production.outsourcing import held

    _start, end = month_bounds(code)
    out = []
    for order in outsourcing_actions.open_orders():
        if order.received < order.qty:
            continue
        doc = Document.get(Document.number == order.number)
        if doc.date > end:
            continue
        left = outsourcing_actions.at_subcontractor(order.number)
        if not left:
            continue
        value = sum((h.value for h in held([doc.id]).values() if h.qty > 0), 0)
        listed = "、".join(f"{_item_text(c)} {format_qty(q)}" for c, q in left)
        out.append(
            tr(
                "委外订单 {n} 已全部收货，加工单位 {p} 仍有材料 {m}（¥{v}）：请退料或核销",
                "Outsourcing order {n} is fully received but {p} still holds {m} "
                "(¥{v}): return or write it off",
                n=order.number,
                p=order.partner,
                m=listed,
                v=format_money(yuan(value)),
            )
        )
    return out


def _item_text(item) -> str:
    """'CODE 名称' for an item id or code."""
    row = (
        Item.get_or_none(Item.id == item)
        if isinstance(item, int)
        else Item.get_or_none(Item.code == item)
    )
    return f"{row.code} {row.name}" if row else str(item)
