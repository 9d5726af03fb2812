"""成本还原 cost restoration for 分步法 (逐步综合结转).

Under sequential transfer a step's material element holds the semi-finished goods it
took from earlier steps (综合结转: "半成品" as one figure). Restoration splits that
figure back into the original elements:

- the semi-finished part of a step's completed cost: its transferred-out material ×
  (material issued that was made by step X this month ÷ all its material, beginning
  WIP included), per producing step X, to the fen;
- 还原分配率 = that part ÷ the total cost X transferred out this month;
- the part is shared over X's own cost structure — X's transferred-out cost per
  element, itself restored first when X also used semi-finished goods — the last
  element taking the rest, so the restored total equals the unrestored total exactly.

Which step made an item: the cost object whose 产品入库 received it this month.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from jxc_desktop.engine import money
from jxc_desktop.engine.production import costing
from jxc_desktop.engine.production import workorders as wo

ELEMENTS = costing.ELEMENTS
ZERO = Decimal(0)


@dataclass
class Restored:
    """One object's completed cost before and after restoration."""

    key: str
    item_id: int | None
    semi_finished: Decimal
    before: dict[str, Decimal]  # material here excludes the semi-finished part
    after: dict[str, Decimal]
    rates: dict[str, Decimal] = field(default_factory=dict)  # producing step → 还原分配率

    def total(self) -> Decimal:
        return self.semi_finished + sum(self.before.values(), ZERO)


def _semi_added(lines, producers: dict[int, str], key: str) -> dict[str, Decimal]:
    """Material issued to `key` (less returns) by the step that made it."""
    out: dict[str, Decimal] = {}
    moved = wo.ISSUE_TYPES + wo.RETURN_TYPES
    for line in lines:
        maker = producers.get(line.item_id)
        if line.doc_type in moved and maker and maker != key:
            out[maker] = out.get(maker, ZERO) - line.value
    return out


def _share(amount: Decimal, weights: dict[str, Decimal]) -> dict[str, Decimal]:
    """`amount` in proportion to the element weights, to the fen, the last one the rest."""
    base = sum(weights.values(), ZERO)
    out, given = {}, ZERO
    for i, e in enumerate(ELEMENTS):
        if i == len(ELEMENTS) - 1:
            out[e] = amount - given
        else:
            out[e] = money.money(amount * weights[e] / base) if base else ZERO
        given += out[e]
    return out


class _Restorer:
    def __init__(self, period: str):
        start, end = costing.check_period(period)
        self.costs = {oc.key: oc for oc in costing.compute(period)}
        self.lines = wo.object_lines(start, end)
        self.producers: dict[int, str] = {}
        for key in sorted(self.costs):
            for line in self.costs[key].receipts:
                self.producers.setdefault(line.item_id, key)
        self.done: dict[str, Restored] = {}

    def restore(self, key: str, seen: tuple = ()) -> Restored:
        if key in self.done:
            return self.done[key]
        oc = self.costs[key]
        before = dict(oc.transferred)
        semi_in = _semi_added(self.lines.get(key, []), self.producers, key)
        basis = oc.beginning["material"] + oc.added["material"]
        after = dict(before)
        rates: dict[str, Decimal] = {}
        semi_total = ZERO
        for maker, added in sorted(semi_in.items()):
            if maker in seen or maker not in self.costs or not basis:
                continue
            part = money.money(before["material"] * added / basis)
            prior = self.restore(maker, seen + (key,))
            prior_total = sum(prior.after.values(), ZERO)
            rates[maker] = money.quantize(part / prior_total, 6) if prior_total else ZERO
            after["material"] -= part
            for e, v in _share(part, prior.after).items():
                after[e] += v
            semi_total += part
        before["material"] -= semi_total
        result = Restored(key, oc.item_id, semi_total, before, after, rates)
        self.done[key] = result
        return result


def restore(period: str) -> list[Restored]:
    """Every cost object of the month that used semi-finished goods, restored."""
    r = _Restorer(period)
    out = [r.restore(key) for key in r.costs]
    return [x for x in out if x.semi_finished]
