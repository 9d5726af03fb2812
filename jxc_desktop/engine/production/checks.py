"""Production invariants for `jxc check`.

- after a month's cost run, every completed receipt (CPRK line) of a cost object
  carries its settled cost: the object's receipts together hold exactly the cost
  the month transferred out of it;
- WIP per work order: what was charged to it up to the last costed month (material
  issued less returns, labour, overhead, opening WIP) less the settled value of its
  receipts equals the work in process that month's costing leaves;
- no BOM contains a cycle;
- 委外: what a subcontractor holds for an order (sent − returned − consumed) is never
  negative, and holds no value once no quantity is left.
"""

from __future__ import annotations

from decimal import Decimal

from jxc_desktop.engine.checks import register
from jxc_desktop.engine.company import month_bounds
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.production import bom, costing
from jxc_desktop.engine.production import workorders as wo
from jxc_desktop.models.production import CostRunDocument, WipCount


def _costed_periods() -> set[str]:
    return {r.period for r in CostRunDocument.select(CostRunDocument.period).distinct()}


def _months_until(last: str):
    """(period, costs) for every month from the first production month to `last`."""
    current = costing.first_period()
    carry: dict = {}
    while current is not None and current <= last:
        carry = costing.compute_month(current, carry)
        yield current, carry
        current = costing.next_period(current)


@register("production_settled_cost")
def receipts_carry_settled_cost() -> list[str]:
    """Each costed month's receipts hold what the month transferred out of each object."""
    costed = _costed_periods()
    if not costed:
        return []
    out = []
    for period, costs in _months_until(max(costed)):
        if period not in costed:
            continue
        start, end = month_bounds(period)
        lines = wo.object_lines(start, end)
        for key, oc in costs.items():
            held = sum((x.value for x in lines.get(key, []) if x.doc_type == "CPRK"), Decimal(0))
            if held != oc.total("transferred"):
                out.append(
                    tr(
                        "{p} 成本对象 {k}：产品入库成本 {h}，应为 {t}（请重新运行成本计算）",
                        "{p} cost object {k}: receipts hold {h}, the cost run settled {t} "
                        "(run the cost run again)",
                        p=period,
                        k=key,
                        h=held,
                        t=oc.total("transferred"),
                    )
                )
    return out


@register("production_wip")
def work_order_wip() -> list[str]:
    """Charged to each work order less its settled receipts = its WIP after costing."""
    costed = _costed_periods()
    if not costed:
        return []
    charged: dict[str, Decimal] = {}
    last: dict = {}
    for period, costs in _months_until(max(costed)):
        openings = {
            r.cost_object
            for r in WipCount.select().where(
                (WipCount.period == period) & (WipCount.kind == "opening")
            )
        }
        for key, oc in costs.items():
            if oc.kind != "job":
                continue
            base = oc.total("beginning") if key in openings else Decimal(0)
            charged[key] = charged.get(key, Decimal(0)) + base + oc.total("added")
        last = costs
    settled: dict[str, Decimal] = {}
    _start, end = month_bounds(max(costed))
    for key, lines in wo.object_lines(None, end).items():
        settled[key] = sum((x.value for x in lines if x.doc_type == "CPRK"), Decimal(0))
    out = []
    for key, total in charged.items():
        expected = total - settled.get(key, Decimal(0))
        found = last[key].total("ending") if key in last else Decimal(0)
        if expected != found:
            out.append(
                tr(
                    "生产订单 {k}：累计投入减完工 = {e}，在产品为 {f}",
                    "work order {k}: charged less completed = {e}, but WIP is {f}",
                    k=key,
                    e=expected,
                    f=found,
                )
            )
    return out


@register("bom_cycles")
def no_bom_cycles() -> list[str]:
    """No stored BOM version makes an item its own component."""
    path = bom.find_cycle(bom.edges())
    return [bom.cycle_problem(path).message] if path else []


@register("outsourcing_held")
def outsourcing_held() -> list[str]:
    """Materials at a subcontractor: no negative quantity or value, no value without qty."""
    from jxc_desktop.engine.money import from_scaled
    from jxc_desktop.engine.production.outsourcing import held
    from jxc_desktop.models.documents import Document
    from jxc_desktop.models.masterdata import Item

    out = []
    for (order_id, item_id), h in sorted(held().items()):
        if h.qty < 0 or h.value < 0 or (h.qty == 0 and h.value != 0):
            out.append(
                tr(
                    "委外订单 {n} 的 {c} 在加工商处结存异常：数量 {q}，金额 {v}",
                    "outsourcing order {n}: {c} at the subcontractor is {q} units worth {v}",
                    n=Document.get_by_id(order_id).number,
                    c=Item.get_by_id(item_id).code,
                    q=from_scaled(h.qty, 4),
                    v=from_scaled(h.value, 2),
                )
            )
    return out
