"""The textbook shop of the capacity tests (see tests/test_capacity_level.py).

Week of Mon 2026-01-05, company week Mon-Fri. Centre A (下料) 8 h a day; centre B
(装配) 8 h a day, two shifts of 8 h from Wed 01-07. Thu 01-08 is a company holiday.
Product P: A setup 2 h + 1 h/unit, then B 0.5 h/unit. Product Q: A 2 h/unit.
Three released orders dated 01-05: P×10 due 01-06, Q×5 due 01-07, P×20 due 01-12.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from inventory_helpers import make_warehouse
from production_helpers import item

from jxc_desktop.engine import documents, settings
from jxc_desktop.engine.documents import DocumentInput, LineInput
from jxc_desktop.engine.production import capacity_calendar as cc
from jxc_desktop.models.masterdata import Item
from jxc_desktop.models.production import RoutingOperation, WorkCentre

D = dt.date
MON = D(2026, 1, 5)


def work_order(date, code, qty, due, approve=True) -> str:
    d = documents.save_draft(
        DocumentInput("SCDD", date, [LineInput(item=code, qty=str(qty), due_date=due)])
    )
    if approve:
        documents.approve(d.id)
    return d.number


def route(code, seq, centre, setup, per) -> None:
    RoutingOperation.create(
        item=Item.get(Item.code == code),
        seq=seq,
        name=centre.name,
        work_centre=centre,
        setup_hours=Decimal(setup),
        hours_per_unit=Decimal(per),
    )


def build_shop() -> list[str]:
    """The shop above; the three work order numbers in creation order."""
    make_warehouse("W1")
    item("P", "make")
    item("Q", "make")
    settings.set_value("work_week", "mon_fri")
    a = WorkCentre.create(code="A", name="下料", capacity_hours=Decimal(8))
    b = WorkCentre.create(code="B", name="装配", capacity_hours=Decimal(8))
    cc.set_shifts("B", D(2026, 1, 7), 2, "8", "mon_fri")
    cc.set_day(D(2026, 1, 8), "closed", remarks="厂休")
    route("P", 10, a, "2", "1")
    route("P", 20, b, "0", "0.5")
    route("Q", 10, a, "0", "2")
    return [
        work_order(MON, "P", 10, D(2026, 1, 6)),
        work_order(MON, "Q", 5, D(2026, 1, 7)),
        work_order(MON, "P", 20, D(2026, 1, 12)),
    ]
