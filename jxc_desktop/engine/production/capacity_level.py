"""有限产能排程: finite-capacity scheduling of the open work orders.

Open work orders are planned (draft SCDD), released and in-progress ones; each needs
the quantity still to make (ordered − received) on its item's routing: per operation
setup hours + hours per unit × quantity, exact (no rounding).

`level()` takes the orders earliest due date first (ties by number) and places each
operation, in routing sequence, into its work centre's free hours day by day (the
calendar's hours, less what earlier orders took), forward from the later of the
start date (today by default) and the order's own date. An operation may start on the
day the previous one finished (day buckets: the day's hours are shared). An order's
start is its first operation's first day, its finish the last operation's last day,
its lateness finish − due date in days (negative: early). An operation that finds no
free hour within the horizon leaves its order unscheduled (nothing of it is kept).

`apply_level()` levels and stores the proposed start and finish of the orders not yet
in progress (planned, released) in WorkOrderSchedule, in one audited transaction: an
approved SCDD is immutable, so its planned dates live beside it. The load report
spreads a scheduled order over those dates.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.production.capacity_calendar import Calendar
from jxc_desktop.engine.session import audit
from jxc_desktop.models.base import now
from jxc_desktop.models.db import write_transaction
from jxc_desktop.models.documents import Document, DocumentLine
from jxc_desktop.models.masterdata import Item
from jxc_desktop.models.production import (
    RoutingOperation,
    WorkCentre,
    WorkOrderSchedule,
    WorkOrderState,
)

ZERO = Decimal(0)
OPEN_STATUSES = ("planned", "released", "in_progress")
MOVABLE = ("planned", "released")
HORIZON_DAYS = 730


@dataclass
class OpSlot:
    seq: int
    name: str
    centre: str
    hours: Decimal
    start: dt.date | None = None
    finish: dt.date | None = None


@dataclass
class ScheduledOrder:
    number: str
    document_id: int
    item_id: int
    status: str
    qty: Decimal
    earliest: dt.date
    due: dt.date
    operations: list[OpSlot] = field(default_factory=list)
    problem: str = ""  # why it was not scheduled
    item: str = ""  # the product's code
    item_name: str = ""

    @property
    def hours(self) -> Decimal:
        return sum((op.hours for op in self.operations), ZERO)

    @property
    def start(self) -> dt.date | None:
        return None if self.problem else self.operations[0].start

    @property
    def finish(self) -> dt.date | None:
        return None if self.problem else self.operations[-1].finish

    @property
    def lateness(self) -> int | None:
        """Finish − due date in days (negative: early); None when not scheduled."""
        return None if self.finish is None else (self.finish - self.due).days

    @property
    def late(self) -> bool:
        return (self.lateness or 0) > 0


@dataclass
class Schedule:
    """A levelling result: the orders in scheduling order, and per (centre id, day) the
    hours scheduled and the hours the calendar gives."""

    date_from: dt.date
    orders: list[ScheduledOrder]
    centres: list[WorkCentre]
    used: dict[tuple[int, dt.date], Decimal]
    calendar: Calendar
    who: dict[tuple[int, dt.date], list[str]] = field(default_factory=dict)  # the orders
    applied: dict[int, tuple[dt.date, dt.date]] = field(default_factory=dict)  # stored dates

    @property
    def last_day(self) -> dt.date:
        days = [o.finish for o in self.orders if o.finish] + [self.date_from]
        return max(days)

    def load_rows(self, date_to: dt.date | None = None) -> list[dict]:
        """Per day and centre: capacity, scheduled hours, free hours, orders."""
        end = date_to or self.last_day
        rows = []
        for i in range((end - self.date_from).days + 1):
            day = self.date_from + dt.timedelta(days=i)
            for c in self.centres:
                cap = self.calendar.hours(c.id, day)
                used = self.used.get((c.id, day), ZERO)
                rows.append(
                    {
                        "date": day,
                        "work_centre": c.code,
                        "name": c.name,
                        "capacity": cap,
                        "scheduled": used,
                        "free": cap - used,
                        "orders": ", ".join(self.who.get((c.id, day), [])),
                    }
                )
        return rows


def open_orders() -> list[ScheduledOrder]:
    """Planned, released and in-progress work orders with the quantity still to make.

    The status follows workorders.view (a draft is planned; a stored completed /
    closed, or receipts reaching the ordered quantity, end it; an issue or a receipt
    puts it in progress), read for every order at once instead of order by order.
    """
    from jxc_desktop.engine.production import workorders as wo

    objects = wo.object_lines()
    stored = {r.document_id: r.status for r in WorkOrderState.select()}
    query = (
        DocumentLine.select(
            Document.id,
            Document.number,
            Document.date,
            Document.status,
            DocumentLine.item,
            DocumentLine.base_qty,
            DocumentLine.due_date,
        )
        .join(Document)
        .where((Document.doc_type == "SCDD") & (Document.status.in_(("draft", "approved"))))
        .order_by(Document.id, DocumentLine.line_no)
        .tuples()
    )
    out, seen = [], set()
    for doc_id, number, date, status, item_id, planned, due in query:
        if doc_id in seen:
            continue  # the first line is the product
        seen.add(doc_id)
        lines = objects.get(number, [])
        made = sum(
            (x.qty for x in lines if x.doc_type in wo.RECEIPT_TYPES and x.item_id == item_id), ZERO
        )
        state = _status(status, stored.get(doc_id), planned, made, lines)
        if state in OPEN_STATUSES and planned - made > 0:
            out.append(
                ScheduledOrder(number, doc_id, item_id, state, planned - made, date, due or date)
            )
    _name_items(out)
    return out


def _status(doc_status: str, stored: str | None, planned: Decimal, made: Decimal, lines) -> str:
    from jxc_desktop.engine.production.workorders import ISSUE_TYPES, RECEIPT_TYPES

    if doc_status == "draft":
        return "planned"
    if stored in ("completed", "closed"):
        return stored
    if planned and made >= planned:
        return "completed"
    if any(x.doc_type in ISSUE_TYPES + RECEIPT_TYPES for x in lines):
        return "in_progress"
    return "released"


def _name_items(orders: list[ScheduledOrder]) -> None:
    ids = {o.item_id for o in orders}
    names = {}
    for chunk in [list(ids)[i : i + 500] for i in range(0, len(ids), 500)]:
        query = Item.select(Item.id, Item.code, Item.name).where(Item.id.in_(chunk)).tuples()
        names.update({i: (code, name) for i, code, name in query})
    for o in orders:
        o.item, o.item_name = names.get(o.item_id, ("", ""))


def _routings() -> dict[int, list[RoutingOperation]]:
    out: dict[int, list[RoutingOperation]] = {}
    query = RoutingOperation.select(RoutingOperation, WorkCentre).join(WorkCentre)
    for op in query.order_by(RoutingOperation.seq):
        out.setdefault(op.item_id, []).append(op)
    return out


class _Board:
    """Free hours per centre and day, taken as operations are placed.

    `full[centre]` is the first day from the start on that may have a free hour (every
    day before it is closed or taken), so a heavily loaded centre is not scanned from
    the start again for every operation.
    """

    def __init__(self, calendar: Calendar, start: dt.date, limit: dt.date):
        self.calendar = calendar
        self.start = start
        self.limit = limit
        self.used: dict[tuple[int, dt.date], Decimal] = {}
        self.who: dict[tuple[int, dt.date], list[str]] = {}
        self.full: dict[int, dt.date] = {}

    def free(self, cid: int, day: dt.date) -> Decimal:
        return self.calendar.hours(cid, day) - self.used.get((cid, day), ZERO)

    def place(self, cid: int, hours: Decimal, day: dt.date, taken: list) -> tuple | None:
        """(first day, last day) of `hours` from `day` on; None past the horizon."""
        if hours <= 0:
            return day, day
        first, left = None, hours
        day = max(day, self.full.get(cid, day))
        while day <= self.limit:
            take = min(self.free(cid, day), left)
            if take > 0:
                self.used[(cid, day)] = self.used.get((cid, day), ZERO) + take
                taken.append(((cid, day), take))
                first, left = first or day, left - take
                if left == 0:
                    self._advance(cid)
                    return first, day
            day += dt.timedelta(days=1)
        return None

    def _advance(self, cid: int) -> None:
        day = self.full.get(cid, self.start)
        while day <= self.limit and self.free(cid, day) <= 0:
            day += dt.timedelta(days=1)
        self.full[cid] = day

    def give_back(self, taken: list) -> None:
        for (cid, day), hours in taken:
            self.used[(cid, day)] -= hours
            self.full[cid] = min(self.full.get(cid, day), day)


def _schedule_order(order: ScheduledOrder, ops, board: _Board, date_from: dt.date) -> None:
    if not ops:
        order.problem = tr("无工艺路线", "No routing")
        return
    day, taken = max(date_from, order.earliest), []
    for op in ops:
        hours = op.setup_hours + op.hours_per_unit * order.qty
        slot = OpSlot(op.seq, op.name, op.work_centre.code, hours)
        order.operations.append(slot)
        placed = board.place(op.work_centre_id, hours, day, taken)
        if placed is None:
            board.give_back(taken)
            order.problem = tr(
                "工作中心 {c} 在 {d} 前没有可用产能",
                "Work centre {c} has no free hours before {d}",
                c=op.work_centre.code,
                d=board.limit.isoformat(),
            )
            return
        slot.start, slot.finish = placed
        day = slot.finish
    for key, _hours in taken:
        names = board.who.setdefault(key, [])
        if order.number not in names:
            names.append(order.number)


def level(date_from: dt.date | None = None, horizon_days: int = HORIZON_DAYS) -> Schedule:
    """Schedules every open work order into finite capacity (see the module docstring)."""
    date_from = date_from or dt.date.today()
    calendar = Calendar.load()
    board = _Board(calendar, date_from, date_from + dt.timedelta(days=horizon_days))
    routings = _routings()
    orders = sorted(open_orders(), key=lambda o: (o.due, o.number))
    for order in orders:
        _schedule_order(order, routings.get(order.item_id, []), board, date_from)
    centres = list(WorkCentre.select().order_by(WorkCentre.code))
    schedule = Schedule(date_from, orders, centres, board.used, calendar, board.who)
    schedule.applied = applied_dates()
    return schedule


def apply_level(date_from: dt.date | None = None) -> Schedule:
    """Levels and stores the planned start/finish of every scheduled order that is not
    yet in progress, in one transaction (audited); returns the schedule applied."""
    with write_transaction():
        schedule = level(date_from)
        stamp, count = now(), 0
        for o in schedule.orders:
            if o.status not in MOVABLE:
                continue
            # an order that no longer fits keeps no stale dates either
            WorkOrderSchedule.delete().where(WorkOrderSchedule.document == o.document_id).execute()
            if o.start is None:
                continue
            WorkOrderSchedule.create(
                document=o.document_id, start=o.start, finish=o.finish, scheduled_at=stamp
            )
            count += 1
        audit("capacity.apply", schedule.date_from.isoformat(), f"{count} work orders")
        schedule.applied = applied_dates()
    return schedule


def applied_dates() -> dict[int, tuple[dt.date, dt.date]]:
    """Document id → (planned start, planned finish) of the applied schedule."""
    return {r.document_id: (r.start, r.finish) for r in WorkOrderSchedule.select()}


def order_rows(schedule: Schedule) -> list[dict]:
    """One row per work order, as the report and the tab show them."""
    from jxc_desktop.engine.production.workorders import status_label

    return [
        {
            "number": o.number,
            "item": o.item,
            "item_name": o.item_name,
            "status": o.status,
            "status_label": status_label(o.status),
            "qty": o.qty,
            "hours": o.hours,
            "earliest": o.earliest,
            "planned_start": schedule.applied.get(o.document_id, (None, None))[0],
            "planned_finish": schedule.applied.get(o.document_id, (None, None))[1],
            "start": o.start,
            "finish": o.finish,
            "due": o.due,
            "lateness": o.lateness,
            "late": o.late,
            "movable": o.status in MOVABLE,
            "problem": o.problem,
        }
        for o in schedule.orders
    ]
