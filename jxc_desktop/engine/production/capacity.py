"""Capacity: work-centre load per day against capacity per day (`jxc report capacity`).

Load comes from
- released work orders (approved SCDD, not completed or closed): the quantity still to
  make (ordered − received) on the item's routing;
- MRP's planned production orders (optional: `include_planned`).
An order's hours on an operation = setup hours + hours per unit × quantity; they are
spread evenly over the centre's working days (工作日历, capacity_calendar.py) from its
start (the order's date, a planned order's release date; an applied 有限产能排程's
planned start) to its due date (the line's 交货日期, the planned due date; the applied
planned finish), 4 decimals a day, the last day taking the rest so nothing is lost.
When the centre works none of those days the hours go on the calendar days instead, so
they still show (on a closed day: overloaded). A day's capacity is the calendar's
hours; a day is overloaded when its load exceeds them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from jxc_desktop.engine import money
from jxc_desktop.engine.production.capacity_calendar import Calendar
from jxc_desktop.models.production import RoutingOperation, WorkCentre

ZERO = Decimal(0)


@dataclass
class DayLoad:
    day: dt.date
    centre: WorkCentre
    capacity: Decimal = ZERO
    load: Decimal = ZERO
    orders: list[str] = field(default_factory=list)

    @property
    def overloaded(self) -> bool:
        return self.load > self.capacity

    @property
    def utilisation(self) -> Decimal:
        """Load as a percentage of capacity, 2 decimals (0 without capacity)."""
        return money.money(self.load * 100 / self.capacity) if self.capacity else ZERO


@dataclass
class Demand:
    """One order's quantity to make between two days."""

    reference: str
    item_id: int
    qty: Decimal
    start: dt.date
    due: dt.date


def spread(hours: Decimal, start: dt.date, due: dt.date) -> list[tuple[dt.date, Decimal]]:
    """`hours` over the days start..due, 4 decimals a day, the last day the rest."""
    due = max(due, start)
    return spread_over(hours, [start + dt.timedelta(days=i) for i in range((due - start).days + 1)])


def spread_over(hours: Decimal, days: list[dt.date]) -> list[tuple[dt.date, Decimal]]:
    """`hours` over the given days, 4 decimals a day, the last day the rest."""
    each = money.qty(hours / len(days))
    out = [(day, each) for day in days[:-1]]
    out.append((days[-1], hours - each * (len(days) - 1)))
    return out


def working_spread(
    calendar: Calendar, centre_id: int, hours: Decimal, start: dt.date, due: dt.date
) -> list[tuple[dt.date, Decimal]]:
    """`hours` over the centre's working days start..due (all days if it works none)."""
    due = max(due, start)
    days = [start + dt.timedelta(days=i) for i in range((due - start).days + 1)]
    open_days = [d for d in days if calendar.is_open(centre_id, d)]
    return spread_over(hours, open_days or days)


def work_order_demands() -> list[Demand]:
    """Released and in-progress work orders with what is still to make (an applied
    schedule's planned dates replace the order's date and due date)."""
    from jxc_desktop.engine.production.capacity_level import applied_dates, open_orders

    planned = applied_dates()
    return [
        Demand(o.number, o.item_id, o.qty, *planned.get(o.document_id, (o.earliest, o.due)))
        for o in open_orders()
        if o.status != "planned"  # a draft is not released yet
    ]


def planned_demands(orders) -> list[Demand]:
    """MRP's planned production orders (phantoms are never made)."""
    return [
        Demand(f"MRP {o.item.code}", o.item.id, o.qty, o.release_date, o.due_date)
        for o in orders
        if o.kind == "production" and not o.phantom
    ]


def load(
    date_from: dt.date, date_to: dt.date, demands: list[Demand]
) -> dict[tuple[int, dt.date], DayLoad]:
    """(centre id, day) → the load of every centre on every day of the range."""
    centres = list(WorkCentre.select().order_by(WorkCentre.code))
    calendar = Calendar.load()
    out = {}
    for c in centres:
        for i in range((date_to - date_from).days + 1):
            day = date_from + dt.timedelta(days=i)
            out[(c.id, day)] = DayLoad(day, c, calendar.hours(c.id, day))
    routing: dict[int, list[RoutingOperation]] = {}
    for op in RoutingOperation.select().order_by(RoutingOperation.seq):
        routing.setdefault(op.item_id, []).append(op)
    for d in demands:
        for op in routing.get(d.item_id, []):
            hours = op.setup_hours + op.hours_per_unit * d.qty
            for day, part in working_spread(calendar, op.work_centre_id, hours, d.start, d.due):
                cell = out.get((op.work_centre_id, day))
                if cell is not None and part:
                    cell.load += part
                    cell.orders.append(d.reference)
    return out


def capacity_plan(
    date_from: dt.date,
    date_to: dt.date,
    include_planned: bool = True,
    progress: Callable[[int, int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> list[DayLoad]:
    """Every work centre's load per day between two dates, by day then centre
    (progress and should_stop are handed to the MRP run)."""
    demands = work_order_demands()
    if include_planned:
        from jxc_desktop.engine.production.mrp import run_mrp

        plan = run_mrp(date_from, date_to, None, progress, should_stop)
        demands += planned_demands(plan.orders)
    cells = load(date_from, date_to, demands)
    return sorted(cells.values(), key=lambda c: (c.day, c.centre.code))
