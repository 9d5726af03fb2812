"""MRP (物料需求计划): planned orders from demand, stock and open orders.

Items are planned in low-level-code order (bom.low_level_codes), so a component used
at several levels is netted once, after every parent has put its requirements on it.
Per item, day by day from the horizon start (`date_from`; demand and receipts due
before it are past due and count on that day; without it, nothing is moved and the
plan starts on the earliest date found, or today):

    available = on hand − safety stock (a shortfall is a requirement on day one)
    available += scheduled receipts due that day (a receipt is usable on its due day)
    available −= gross requirements of that day (independent + dependent)
    if available < 0: a planned order due that day for lot(−available)

Lot sizing: 按需 lot-for-lot = the net requirement; 固定批量 = the smallest multiple
of 批量 covering it; 最小批量 = at least 批量; 固定周期 (period order quantity) = the
net requirements of the due day and the following 批量周期天数 − 1 days (netted with
the scheduled receipts of those days, as if no other order came), in multiples of 批量
when one is given; every rule then at least 最小订货量. The release date is the due
date minus 提前期天数 (calendar days). A purchased item with a purchase unit also
shows purchase_qty = qty ÷ 采购单位换算 rounded UP to whole purchase units (qty itself
stays the base-unit requirement). A made or outsourced item's planned order puts
qty × (BOM qty per unit, scrap included; rounded to 4 places) on each component, due
on the order's release date. A phantom BOM (虚拟件) is planned through: its net
requirement goes straight to its components on the same day and no order is proposed.

Action messages for open orders (scheduled receipts): `expedite` to the first day a
shortage occurs before the order's due date, unless the order is needed on its due
date anyway; `defer` to the day its quantity is first
needed when that is later than its due date; `cancel` when nothing needs it within the
horizon.

Pegging: supply is consumed first in, first out; a planned order lists the demand
portions it covers, {number, item, date, qty}. A component's demand carries the
pegging of the parent order that caused it, so every proposal traces back to the
sales orders and forecasts (item = the item those demand, qty = the component
quantity for that part). See mrp_orders for how that is kept cheap.

Speed: quantities are integers of 10⁻⁴ base units and days are ordinals while
planning; a day is netted with two additions and a comparison, pegging is not built
until it is read (mrp_orders), and the cyclic garbage collector rests during the run,
so small lots (an order nearly every day) stay within a few seconds for 10,000 items.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from jxc_desktop.engine import lookup
from jxc_desktop.engine.errors import JxcError
from jxc_desktop.engine.gc_pause import cycle_collection_paused
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.production import bom as bom_engine
from jxc_desktop.engine.production.mrp_data import demands, on_hand, scheduled_receipts
from jxc_desktop.engine.production.mrp_orders import (
    Action,
    ItemPlan,
    MrpResult,
    PlannedOrder,
    day_of,
    lot_size,
    lot_units,
    purchase_quantity,
    units,
)
from jxc_desktop.models.masterdata import Item

__all__ = [
    "Action",
    "ItemPlan",
    "MrpResult",
    "PlannedOrder",
    "lot_size",
    "purchase_quantity",
    "run_mrp",
]

KINDS = {"purchase": "purchase", "make": "production", "outsource": "outsourcing"}


@dataclass(slots=True)
class _Rules:
    rule: str  # the lot rule (a phantom passes its net requirement through)
    lot: int
    minimum: int
    lead: int
    kind: str
    phantom: bool
    period: int  # 固定周期 days, else 0
    explodes: bool
    parts: list[tuple] | None  # the BOM's targets when no version is dated, else None


class _Planner:
    def __init__(self, start: dt.date | None, warehouses: list[int] | None, end: dt.date | None):
        # without a start nothing is past due: dates stay as the documents give them
        self.shift_from = start or dt.date.min
        self.shift_ord = self.shift_from.toordinal()
        self.on_hand = on_hand(warehouses)
        self.plans: dict[int, ItemPlan] = {}
        dates = [dt.date.today()]
        for d in demands(self.shift_from, end):
            self._need(d.item_id, d.date.toordinal(), units(d.qty), d)
            dates.append(d.date)
        self.receipts: dict[int, list] = {}
        for r in scheduled_receipts(self.shift_from, end):
            self.receipts.setdefault(r.item_id, []).append(r)
            dates.append(r.date)
        self.start = start or min(dates)
        self.boms = bom_engine.BomCache()
        self.parts: dict[tuple[int, int], list[tuple]] = {}
        self.actions: list[Action] = []

    def _plan_of(self, item_id: int) -> ItemPlan:
        plan = self.plans.get(item_id)
        if plan is None:
            plan = self.plans[item_id] = ItemPlan()
        return plan

    def _need(self, item_id: int, day: int, qty: int, source) -> None:
        """Puts a requirement on an item (a Demand, or the parent PlannedOrder)."""
        plan = self._plan_of(item_id)
        plan.day_need[day] = plan.day_need.get(day, 0) + qty
        plan.sources.append((day, qty, source))

    def plan_item(self, item: Item) -> None:
        """Nets one item day by day and proposes its planned orders (module docstring)."""
        plan = self._plan_of(item.id)
        receipts = self.receipts.get(item.id, [])
        have = self.on_hand.get(item.id, Decimal(0))
        plan.on_hand, plan.start = have, self.start.toordinal()
        plan.receipts = [(r.date, r.qty) for r in receipts]
        spare = units(have) - units(item.safety_stock)
        plan.debt = max(-spare, 0)
        need = dict(plan.day_need)
        if plan.debt:
            need[plan.start] = need.get(plan.start, 0) + plan.debt
        arriving: dict[int, list] = {}
        for r in receipts:
            arriving.setdefault(r.date.toordinal(), []).append((r, units(r.qty)))
        self._net(item, plan, need, arriving, max(spare, 0))
        self._defer_or_cancel(item, receipts)

    def _net(self, item: Item, plan: ItemPlan, need: dict, arriving: dict, supply: int) -> None:
        """The daily netting: cumulative demand against cumulative supply (first in,
        first out), an order whenever demand runs ahead."""
        rules = self._rules(item)
        days = sorted(need.keys() | arriving.keys())
        demand = 0
        pending: list[tuple[int, object]] = []  # receipts not yet drawn on: (position, r)
        for i, day in enumerate(days):
            if arriving:
                for r, qty in arriving.get(day, ()):
                    pending.append((supply, r))
                    supply += qty
            demand += need.get(day, 0)
            while pending and demand > pending[0][0]:
                pending.pop(0)[1].first_used = day_of(day)
            if demand > supply:
                if arriving:
                    self._expedite(item, day)
                net = demand - supply
                if rules.period:
                    net += _period_need(days, i, need, arriving, rules.period)
                supply += self._order(item, plan, rules, day, net, supply)

    def _rules(self, item: Item) -> _Rules:
        """What sizing, dating and exploding an item's orders needs, read once per item."""
        bom = self.boms.bom_for(item.id, self.start)
        phantom = bool(bom and bom.phantom)
        versions = self.boms.boms.get(item.id, [])
        dated = any(b.effective_date is not None for b in versions)
        period = item.lot_period_days or 0 if item.lot_rule == "period" else 0
        return _Rules(
            rule="lot_for_lot" if phantom else item.lot_rule,
            lot=units(item.lot_size),
            minimum=0 if phantom else units(item.min_order_qty),
            lead=0 if phantom else item.lead_time_days or 0,
            kind=KINDS.get(item.source, "purchase"),
            phantom=phantom,
            period=0 if phantom else period,
            explodes=phantom or item.source != "purchase",
            parts=None if dated else self._targets(item.id, self.start.toordinal()),
        )

    def _order(self, item, plan, rules: _Rules, due: int, net: int, start: int) -> int:
        """Proposes (and explodes) one planned order; its quantity in planner units."""
        qty = lot_units(rules.rule, rules.lot, rules.minimum, net)
        release = due - rules.lead
        order = PlannedOrder(item, rules.kind, qty, net, release, due, plan, start, rules.phantom)
        plan.orders.append(order)
        if rules.explodes:
            day = release if release > self.shift_ord else self.shift_ord
            parts = rules.parts if rules.parts is not None else self._targets(item.id, release)
            for day_need, sources, num, den in parts:
                part = (2 * qty * num + den) // (2 * den)  # half-up to 4 places
                if part:
                    day_need[day] = day_need.get(day, 0) + part
                    sources.append((day, part, order))
        return qty

    def _targets(self, item_id: int, day: int) -> list[tuple]:
        """The BOM in force on a day as (component's day_need, its sources, qty per unit
        as numerator and denominator): where each order's requirements go."""
        got = self.parts.get((item_id, day))
        if got is None:
            lines = self.boms.components(item_id, day_of(day))
            got = []
            for ref, per in lines:
                plan = self._plan_of(ref.id)
                got.append((plan.day_need, plan.sources, *per.as_integer_ratio()))
            self.parts[(item_id, day)] = got
        return got

    def _expedite(self, item: Item, day: int) -> None:
        when = day_of(day)
        for r in self.receipts.get(item.id, ()):
            if r.date > when and not r.expedite:
                r.expedite = when  # reported by _defer_or_cancel unless used when due

    def _defer_or_cancel(self, item: Item, receipts: list) -> None:
        for r in receipts:
            used = r.first_used
            if r.expedite:
                # needed on its own due date (e.g. an order just firmed): the earlier
                # shortage has its own planned order, so moving this one helps nothing
                if used != r.date:
                    self.actions.append(
                        Action("expedite", r.number, item.code, r.due, r.expedite, r.qty)
                    )
                continue
            if used is None:
                self.actions.append(Action("cancel", r.number, item.code, r.due, None, r.qty))
            elif used > r.date:
                self.actions.append(Action("defer", r.number, item.code, r.due, used, r.qty))


def _period_need(days: list[int], i: int, need: dict, arriving: dict, period: int) -> int:
    """Net requirements of the days after days[i] within the period (固定周期): the
    deepest the running balance of their receipts less their requirements falls."""
    end = days[i] + max(period, 1)
    balance = lowest = 0
    for day in days[i + 1 :]:
        if day >= end:
            break
        balance += sum(q for _r, q in arriving.get(day, ())) - need.get(day, 0)
        lowest = min(lowest, balance)
    return -lowest


def _attach_units(items: list[Item]) -> None:
    """Every item's units from one query (an order's units are read per order)."""
    from jxc_desktop.models.masterdata import Unit

    names = {u.id: u for u in Unit.select()}
    for item in items:
        item.base_unit = names[item.base_unit_id]
        if item.purchase_unit_id:
            item.purchase_unit = names[item.purchase_unit_id]


def _warehouse_ids(codes: list[str] | None) -> list[int] | None:
    if not codes:
        return None
    ids = []
    for code in codes:
        wh = lookup.warehouse_by_code(code)
        if wh is None:
            raise JxcError(tr("仓库“{c}”不存在", "Warehouse '{c}' does not exist", c=code))
        ids.append(wh.id)
    return ids


def run_mrp(
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    warehouses: list[str] | None = None,
    progress: Callable[[int, int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> MrpResult:
    """Plans every item (see the module docstring); reads only, writes nothing.
    Orders come by item code, then due date."""
    with cycle_collection_paused():
        return _run(date_from, date_to, warehouses, progress, should_stop)


def _run(date_from, date_to, warehouses, progress, should_stop) -> MrpResult:
    planner = _Planner(date_from, _warehouse_ids(warehouses), date_to)
    llc = bom_engine.low_level_codes()
    items = list(Item.select().where(Item.active == True))  # noqa: E712
    _attach_units(items)
    items.sort(key=lambda i: (llc.get(i.id, 0), i.code))
    for n, item in enumerate(items):
        if should_stop and should_stop():
            break
        planner.plan_item(item)
        if progress:
            progress(n + 1, len(items))
    orders = []
    for item in sorted(items, key=lambda i: i.code):
        plan = planner.plans.get(item.id)
        if plan is not None:
            orders += [o for o in plan.orders if not o.phantom]
    return MrpResult(orders, planner.plans, planner.actions)
