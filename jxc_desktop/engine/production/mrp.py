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
of 批量 covering it; 最小批量 = at least 批量; every rule then at least 最小订货量. The
release date is the due date minus 提前期天数 (calendar days). A purchased item with a
purchase unit also shows purchase_qty = qty ÷ 采购单位换算 rounded UP to whole purchase
units (qty itself stays the base-unit requirement). A made or outsourced item's
planned order puts qty × (BOM qty per unit, scrap included; rounded to 4 places) on
each component, due on the order's release date. A phantom BOM (虚拟件) is planned
through: its net requirement goes straight to its components on the same day and no
order is proposed for it.

Action messages for open orders (scheduled receipts): `expedite` to the first day a
shortage occurs before the order's due date, unless the order is needed on its due
date anyway; `defer` to the day its quantity is first
needed when that is later than its due date; `cancel` when nothing needs it within the
horizon.

Pegging: supply is consumed first in, first out; a planned order lists the demand
portions it covers, {number, item, date, qty}. A component's demand carries the
pegging of the parent order that caused it, so every proposal traces back to the
sales orders and forecasts (item = the item those demand, qty = the component
quantity for that part).
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, Decimal

from jxc_desktop.engine import lookup, money
from jxc_desktop.engine.errors import JxcError
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.production import bom as bom_engine
from jxc_desktop.engine.production.mrp_data import Demand, demands, on_hand, scheduled_receipts
from jxc_desktop.models.masterdata import Item

KINDS = {"purchase": "purchase", "make": "production", "outsource": "outsourcing"}


@dataclass
class PlannedOrder:
    item: Item
    kind: str  # purchase / production / outsourcing
    qty: Decimal  # base unit
    net: Decimal  # the net requirement it was sized from
    release_date: dt.date
    due_date: dt.date
    purchase_qty: Decimal
    purchase_unit: str
    # what it covers, as (demand, offset into the demand, qty): resolved into pegging
    # only when read, so planning does not copy every sales order down every level
    raw: list[tuple] = field(default_factory=list, repr=False)
    phantom: bool = False
    # the part that tops up safety stock (not in pegging: no document asked for it)
    safety: Decimal = Decimal(0)
    _pegs: list[dict] | None = field(default=None, repr=False, compare=False)

    @property
    def pegging(self) -> list[dict]:
        """The demands it covers, {number, item, date, qty}, down to the sales orders."""
        if self._pegs is None:
            self._pegs = resolve_pegging(self.raw)
        return self._pegs

    @property
    def order_qty(self) -> Decimal:
        """Base units firming orders: purchase_qty whole purchase units (≥ qty)."""
        if self.purchase_unit == self.item.base_unit.name or not self.item.purchase_unit_factor:
            return self.qty
        return money.qty(self.purchase_qty * self.item.purchase_unit_factor)

    def as_row(self) -> dict:
        return {
            "item": self.item.code,
            "kind": self.kind,
            "qty": self.qty,
            "unit": self.item.base_unit.name,
            "purchase_qty": self.purchase_qty,
            "purchase_unit": self.purchase_unit,
            "order_qty": self.order_qty,
            "release_date": self.release_date,
            "due_date": self.due_date,
            "pegging": [dict(p) for p in self.pegging],
        }


@dataclass
class ItemPlan:
    """The day-by-day picture of one item, for the MRP record."""

    on_hand: Decimal
    gross: list[tuple[dt.date, Decimal]] = field(default_factory=list)
    receipts: list[tuple[dt.date, Decimal]] = field(default_factory=list)
    orders: list[PlannedOrder] = field(default_factory=list)


@dataclass
class Action:
    """A message for an existing order: expedite / defer to new_date, or cancel."""

    action: str
    number: str
    item: str
    due_date: dt.date
    new_date: dt.date | None
    qty: Decimal


@dataclass
class MrpResult:
    orders: list[PlannedOrder]
    plans: dict[int, ItemPlan]
    actions: list[Action] = field(default_factory=list)


def lot_size(item: Item, net: Decimal) -> Decimal:
    """The planned quantity for a net requirement under the item's lot rule."""
    qty = net
    if item.lot_rule == "fixed" and item.lot_size > 0:
        lots = (net / item.lot_size).to_integral_value(rounding=ROUND_CEILING)
        qty = lots * item.lot_size
    elif item.lot_rule == "minimum" and item.lot_size > 0:
        qty = max(net, item.lot_size)
    if item.min_order_qty and qty < item.min_order_qty:
        qty = item.min_order_qty
        if item.lot_rule == "fixed" and item.lot_size > 0:
            lots = (qty / item.lot_size).to_integral_value(rounding=ROUND_CEILING)
            qty = lots * item.lot_size
    return money.qty(qty)


def purchase_quantity(item: Item, qty: Decimal) -> tuple[Decimal, str]:
    """(quantity in the purchase unit rounded up to whole units, unit name)."""
    if item.source != "make" and item.purchase_unit_id and item.purchase_unit_factor:
        whole = (qty / item.purchase_unit_factor).to_integral_value(rounding=ROUND_CEILING)
        return money.qty(whole), item.purchase_unit.name
    return qty, item.base_unit.name


class _Planner:
    def __init__(self, start: dt.date | None, warehouses: list[int] | None, end: dt.date | None):
        # without a start nothing is past due: dates stay as the documents give them
        self.shift_from = start or dt.date.min
        self.on_hand = on_hand(warehouses)
        self.gross: dict[int, list[Demand]] = {}
        for d in demands(self.shift_from, end):
            self.gross.setdefault(d.item_id, []).append(d)
        self.receipts: dict[int, list] = {}
        for r in scheduled_receipts(self.shift_from, end):
            self.receipts.setdefault(r.item_id, []).append(r)
        dates = [d.date for ds in self.gross.values() for d in ds]
        dates += [r.date for rs in self.receipts.values() for r in rs]
        self.start = start or min(dates + [dt.date.today()])
        self.boms = bom_engine.BomCache()
        self.orders: list[PlannedOrder] = []
        self.plans: dict[int, ItemPlan] = {}
        self.actions: list[Action] = []

    def plan_item(self, item: Item) -> None:
        """Nets one item day by day and proposes its planned orders (module docstring)."""
        gross = sorted(self.gross.get(item.id, []), key=lambda d: d.date)
        receipts = self.receipts.get(item.id, [])
        have = self.on_hand.get(item.id, Decimal(0))
        plan = ItemPlan(have, [(d.date, d.qty) for d in gross], [(r.date, r.qty) for r in receipts])
        self.plans[item.id] = plan
        phantom_bom = self.boms.bom_for(item.id, self.start)
        phantom = bool(phantom_bom and phantom_bom.phantom)
        queue: deque[list] = deque()  # [qty left, planned order or None], first in first out
        debt = item.safety_stock - have
        if debt < 0:
            queue.append([-debt, None, None])
        elif debt > 0:
            gross.insert(0, Demand(item.id, self.start, debt, "", item.code, self.start))
        by_day: dict[dt.date, tuple[list, list]] = {}
        for d in gross:
            by_day.setdefault(d.date, ([], []))[0].append(d)
        for r in receipts:
            by_day.setdefault(r.date, ([], []))[1].append(r)
        for day in sorted(by_day):
            needs, arriving = by_day[day]
            queue.extend([r.qty, None, r] for r in arriving)
            shorts = [(d, self._consume(queue, d, day)) for d in needs]
            shorts = [(d, s) for d, s in shorts if s > 0]
            if shorts:
                self._expedite(item, receipts, day)
                order = self._order(item, day, sum(s for _d, s in shorts), phantom)
                order.raw += [(d, d.qty - s, s) for d, s in shorts if _pegged(d)]
                order.safety += sum((s for d, s in shorts if not _pegged(d)), Decimal(0))
                queue.append([order.qty - order.net, order, None])
                plan.orders.append(order)
        self._defer_or_cancel(item, receipts)

    def _expedite(self, item: Item, receipts: list, day: dt.date) -> None:
        for r in receipts:
            if r.date > day and not r.expedite:
                r.expedite = day  # reported by _defer_or_cancel unless used when due

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

    def _consume(self, queue: deque, d: Demand, day: dt.date) -> Decimal:
        """Takes a demand from the supply queue; returns the part still short."""
        need = d.qty
        while need > 0 and queue:
            take = min(need, queue[0][0])
            receipt = queue[0][2]
            if take > 0 and receipt is not None and receipt.first_used is None:
                receipt.first_used = day
            if take > 0 and queue[0][1] is not None:
                if _pegged(d):
                    queue[0][1].raw.append((d, d.qty - need, take))
                else:
                    queue[0][1].safety += take
            queue[0][0] -= take
            need -= take
            if queue[0][0] <= 0:
                queue.popleft()
        return need

    def _order(self, item: Item, due: dt.date, net: Decimal, phantom: bool) -> PlannedOrder:
        qty = net if phantom else lot_size(item, net)
        lead = 0 if phantom else item.lead_time_days or 0
        pqty, unit = purchase_quantity(item, qty)
        order = PlannedOrder(
            item,
            KINDS.get(item.source, "purchase"),
            qty,
            net,
            due - dt.timedelta(days=lead),
            due,
            pqty,
            unit,
            phantom=phantom,
        )
        self.orders.append(order)
        return order

    def explode(self, item: Item) -> None:
        """Puts the planned orders of a made item on its components: one requirement per
        order and component, pegged through the order (resolve_pegging)."""
        for order in self.plans[item.id].orders:
            if order.item.source == "purchase" and not order.phantom:
                continue
            day = max(order.release_date, self.shift_from)
            for comp, per in self.boms.components(item.id, order.release_date):
                need = money.qty(order.qty * per)
                self.gross.setdefault(comp.id, []).append(
                    Demand(comp.id, day, need, "", "", day, parent=order)
                )


def _pegged(d: Demand) -> bool:
    """Whether covering a demand is worth a pegging entry (not safety stock)."""
    return bool(d.number) or d.parent is not None


def _split(order: PlannedOrder, need: Decimal) -> list[tuple[dict, Decimal]]:
    """A component requirement shared over the parent's pegs (the last takes the rest)."""
    pegs = order.pegging or [
        {"number": "", "item": order.item.code, "date": order.due_date, "qty": order.qty}
    ]
    total = sum((p["qty"] for p in pegs), Decimal(0))
    out, given = [], Decimal(0)
    for i, p in enumerate(pegs):
        share = need - given if i == len(pegs) - 1 else money.qty(need * p["qty"] / total)
        given += share
        out.append((p, share))
    return out


def _slice(shares: list[tuple[dict, Decimal]], offset: Decimal, take: Decimal) -> list[dict]:
    """The pegs behind the part [offset, offset + take) of a component requirement."""
    out, start, end = [], Decimal(0), offset + take
    for peg, share in shares:
        low, high = max(start, offset), min(start + share, end)
        if high > low and peg["number"]:
            out.append({**peg, "qty": high - low})
        start += share
        if start >= end:
            break
    return out


def resolve_pegging(raw: list[tuple]) -> list[dict]:
    """Pegging entries from what an order covers: a sales order or forecast line as it
    is; a component requirement as the part of its parent's pegs it stands for — the
    same entries as splitting every requirement by its parent's pegs while planning."""
    out = []
    for d, offset, take in raw:
        if d.parent is None:
            out.append({"number": d.number, "item": d.item_code, "date": d.peg_date, "qty": take})
        else:
            out += _slice(_split(d.parent, d.qty), offset, take)
    return out


def _attach_units(items: list[Item]) -> None:
    """Every item's units from one query (an order's units are read per order)."""
    from jxc_desktop.models.masterdata import Unit

    units = {u.id: u for u in Unit.select()}
    for item in items:
        item.base_unit = units[item.base_unit_id]
        if item.purchase_unit_id:
            item.purchase_unit = units[item.purchase_unit_id]


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
    """Plans every item (see the module docstring); reads only, writes nothing."""
    planner = _Planner(date_from, _warehouse_ids(warehouses), date_to)
    llc = bom_engine.low_level_codes()
    items = list(Item.select().where(Item.active == True))  # noqa: E712
    _attach_units(items)
    items.sort(key=lambda i: (llc.get(i.id, 0), i.code))
    for n, item in enumerate(items):
        if should_stop and should_stop():
            break
        planner.plan_item(item)
        planner.explode(item)
        if progress:
            progress(n + 1, len(items))
    orders = [o for o in planner.orders if not o.phantom]
    orders.sort(key=lambda o: (o.item.code, o.due_date))
    return MrpResult(orders, planner.plans, planner.actions)
