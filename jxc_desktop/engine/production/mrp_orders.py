"""What an MRP run hands back: planned orders, item plans, action messages, pegging.

The planner works in integers (quantities in 10⁻⁴ base units, days as ordinals) so a
year of daily small-lot orders (~400,000 of them) is cheap; a `PlannedOrder` keeps
those integers and turns them into Decimals and dates only when read.

Pegging is kept as positions, not lists: per item, demand and supply are matched
first in, first out, and because an order is only proposed when every earlier supply
is used up, the k-th unit of demand is covered by the k-th unit of supply. An order
therefore covers the demand positions [start, start + qty) of its item's demand
stream (the safety-stock top-up first, then the requirements by day, in the order
they were put on the item). `pegging` looks that range up when asked; a component
requirement resolves to the part of its parent order's pegs it stands for.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, Decimal
from functools import lru_cache

from jxc_desktop.engine import money
from jxc_desktop.models.masterdata import Item


def units(value: Decimal) -> int:
    """A quantity (at most 4 places) as planner units."""
    return money.to_scaled(value, money.QTY_PLACES)


def qty_of(units_: int) -> Decimal:
    """Planner units back to a 4-place Decimal (Decimal(n).scaleb keeps the 4 places)."""
    return Decimal(units_).scaleb(-money.QTY_PLACES)


@lru_cache(maxsize=4096)
def day_of(ordinal: int) -> dt.date:
    return dt.date.fromordinal(ordinal)


def lot_units(rule: str, lot: int, minimum: int, net: int) -> int:
    """The planned quantity for a net requirement (planner units) under a lot rule:
    按需 the net; 固定批量 the smallest multiple of the lot covering it; 最小批量 at least
    the lot; 固定周期 the period's net, in multiples of the lot when one is given; every
    rule then at least 最小订货量 (still a multiple where multiples apply)."""
    multiple = lot > 0 and rule in ("fixed", "period")
    qty = net
    if multiple:
        qty = -(-net // lot) * lot
    elif rule == "minimum" and lot > 0:
        qty = max(net, lot)
    if minimum and qty < minimum:
        qty = -(-minimum // lot) * lot if multiple else minimum
    return qty


def lot_size(item: Item, net: Decimal) -> Decimal:
    """The planned quantity for a net requirement under the item's lot rule."""
    got = lot_units(item.lot_rule, units(item.lot_size), units(item.min_order_qty), units(net))
    return qty_of(got)


def purchase_quantity(item: Item, qty: Decimal) -> tuple[Decimal, str]:
    """(quantity in the purchase unit rounded up to whole units, unit name)."""
    if item.source != "make" and item.purchase_unit_id and item.purchase_unit_factor:
        whole = (qty / item.purchase_unit_factor).to_integral_value(rounding=ROUND_CEILING)
        return money.qty(whole), item.purchase_unit.name
    return qty, item.base_unit.name


class ItemPlan:
    """One item's picture for the MRP record, and its demand stream for pegging.

    `day_need` is the gross requirement per day (ordinal → units, safety stock not
    included); `sources` lists every requirement as (day, units, what asked for it: a
    mrp_data.Demand or the parent PlannedOrder) in the order it was put on the item."""

    __slots__ = ("on_hand", "day_need", "sources", "receipts", "orders", "debt", "start", "_stream")

    def __init__(self) -> None:
        self.on_hand = Decimal(0)
        self.day_need: dict[int, int] = {}
        self.sources: list[tuple] = []
        self.receipts: list[tuple[dt.date, Decimal]] = []
        self.orders: list[PlannedOrder] = []
        self.debt = 0  # the safety-stock shortfall, required on the first day
        self.start = 0
        self._stream: tuple[list[int], list[tuple]] | None = None

    @property
    def gross(self) -> list[tuple[dt.date, Decimal]]:
        """Gross requirements per day (independent + dependent), by date."""
        return [(day_of(d), qty_of(q)) for d, q in sorted(self.day_need.items())]

    def stream(self) -> tuple[list[int], list[tuple]]:
        """(start position of each entry, entries) of the demand stream, built once."""
        if self._stream is None:
            entries = [(self.start, self.debt, None)] if self.debt > 0 else []
            entries += sorted(self.sources, key=lambda s: s[0])
            starts, pos = [], 0
            for entry in entries:
                starts.append(pos)
                pos += entry[1]
            self._stream = (starts, entries)
        return self._stream


class PlannedOrder:
    """A proposal: qty (base unit) of item due on due_date, released lead time earlier."""

    __slots__ = ("item", "kind", "units", "net_units", "release_day", "due_day", "phantom")
    __slots__ += ("plan", "start", "_raw", "_safety", "_purchase", "_shares")

    def __init__(self, item, kind, qty, net, release, due, plan, start, phantom=False):
        self.item: Item = item
        self.kind: str = kind  # purchase / production / outsourcing
        self.units, self.net_units = qty, net
        self.release_day, self.due_day = release, due
        self.plan: ItemPlan = plan
        self.start = start  # its first unit's position in the item's demand stream
        self.phantom = phantom
        self._raw: list[tuple] | None = None  # pegs as (number, item, date, units)
        self._safety = 0
        self._shares: dict[int, tuple] | None = None  # _split by component requirement
        self._purchase: tuple[Decimal, str] | None = None

    def __repr__(self) -> str:
        return f"PlannedOrder({self.item.code} {self.kind} {self.qty} due {self.due_date})"

    qty = property(lambda self: qty_of(self.units), doc="base units")
    net = property(lambda self: qty_of(self.net_units), doc="the net requirement it covers")
    release_date = property(lambda self: day_of(self.release_day))
    due_date = property(lambda self: day_of(self.due_day))

    @property
    def purchase_qty(self) -> Decimal:
        return self._purchase_pair()[0]

    @property
    def purchase_unit(self) -> str:
        return self._purchase_pair()[1]

    def _purchase_pair(self) -> tuple[Decimal, str]:
        if self._purchase is None:
            self._purchase = purchase_quantity(self.item, self.qty)
        return self._purchase

    @property
    def pegging(self) -> list[dict]:
        """The demands it covers, {number, item, date, qty}, down to the sales orders."""
        return [
            {"number": n, "item": code, "date": day, "qty": qty_of(q)}
            for n, code, day, q in self.raw_pegs()
        ]

    @property
    def safety(self) -> Decimal:
        """The part that tops up safety stock (not in pegging: no document asked for it)."""
        self.raw_pegs()
        return qty_of(self._safety)

    def raw_pegs(self) -> list[tuple]:
        """The pegs as (number, item code, date, planner units), worked out once."""
        if self._raw is None:
            self._raw, self._safety = _resolve(self)
        return self._raw

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


def covered(order: PlannedOrder) -> list[tuple]:
    """(source, its units, offset into it, units taken) for the demand the order covers."""
    starts, entries = order.plan.stream()
    low, high = order.start, order.start + order.units
    out = []
    i = max(bisect_right(starts, low) - 1, 0)
    while i < len(entries) and starts[i] < high:
        pos, size = starts[i], entries[i][1]
        a, b = max(low, pos), min(high, pos + size)
        if b > a:
            out.append((entries[i][2], size, a - pos, b - a))
        i += 1
    return out


def _resolve(order: PlannedOrder) -> tuple[list[tuple], int]:
    """Pegs and the safety-stock part: a sales order or forecast line as it is; a
    component requirement as the part of its parent's pegs it stands for (the parent's
    pegs shared by quantity, the last taking the rest)."""
    pegs: list[tuple] = []
    safety = 0
    for source, size, offset, take in covered(order):
        if source is None:
            safety += take
        elif isinstance(source, PlannedOrder):
            pegs += _slice(_split(source, size), offset, take)
        else:
            pegs.append((source.number, source.item_code, source.peg_date, take))
    return pegs, safety


def _split(order: PlannedOrder, need: int) -> tuple[list[int], list[tuple[tuple, int]]]:
    """A component requirement shared over the parent's pegs, each share rounded half-up
    to 4 places and the last taking the rest (integers: exact), with where each share
    starts; kept on the parent, as every order covering part of it asks again."""
    cache = order._shares
    if cache is None:
        cache = order._shares = {}
    got = cache.get(need)
    if got is not None:
        return got
    pegs = order.raw_pegs() or [("", order.item.code, order.due_date, order.units)]
    total = sum(p[3] for p in pegs)
    starts, shares, given, last = [], [], 0, len(pegs) - 1
    for i, peg in enumerate(pegs):
        share = need - given if i == last else (2 * need * peg[3] + total) // (2 * total)
        starts.append(given)
        given += share
        shares.append((peg, share))
    got = cache[need] = (starts, shares)
    return got


def _slice(split: tuple[list[int], list], offset: int, take: int) -> list[tuple]:
    """The pegs behind the part [offset, offset + take) of a component requirement."""
    starts, shares = split
    out, end = [], offset + take
    i = max(bisect_right(starts, offset) - 1, 0)
    while i < len(shares) and starts[i] < end:
        (peg, share), start = shares[i], starts[i]
        low = start if start > offset else offset
        high = start + share if start + share < end else end
        if high > low and peg[0]:
            out.append((peg[0], peg[1], peg[2], high - low))
        i += 1
    return out
