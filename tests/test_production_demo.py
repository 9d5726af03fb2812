"""The production demo builds through the engine and leaves MRP work and a clean check."""

import datetime as dt

from jxc_desktop.cli import main
from jxc_desktop.engine.demo_production import build_production_demo
from jxc_desktop.engine.production.mrp import run_mrp


def test_demo_builds_and_plans(company):
    numbers = build_production_demo(dt.date(2026, 1, 1), dt.date(2026, 1, 10))
    assert len(numbers) == 11
    assert [n[:4] for n in numbers[-3:]] == ["WWDD", "WWFL", "WWRK"]
    orders = run_mrp(dt.date(2026, 1, 10)).orders
    kinds = {o.kind for o in orders}
    assert kinds == {"production", "purchase"}
    assert {o.item.code for o in orders} >= {"FG-CHAIR", "SA-SEAT", "RM-FABRIC"}
    assert all(o.pegging for o in orders if o.item.code.startswith("FG"))
    assert main(["--db", str(company), "check"]) == 0
