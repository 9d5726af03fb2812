"""Capacity benchmark: 有限产能排程 (`capacity_level.level` / `apply_level`).

    .venv/bin/python bench/bench_capacity.py [--scale F] [--dir DIR]

Sizes × --scale: 1,000 released work orders (dated over 60 days, due 5–35 days
later) of 100 products, each product routed over 3 of 20 work centres (setup 0.5–2 h,
0.05–0.5 h a unit, 10–200 units an order); the company week Mon–Sat, half the
centres on two shifts of 8 h, 10 company holidays. Timed: `level()` (target < 3 s at
scale 1: the tab runs it off the UI thread) and `apply_level()`; the load report over
the first 30 days for comparison. Setup (approving the orders) is not timed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for p in (ROOT, ROOT / "bench"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

import machine  # noqa: E402
from bench_production import fresh, insert, make_items, report  # noqa: E402

from jxc_desktop.engine.session import close_company  # noqa: E402
from jxc_desktop.models.db import write_transaction  # noqa: E402
from jxc_desktop.models.production import RoutingOperation, WorkCentre  # noqa: E402

START = dt.date(2027, 1, 4)  # a Monday


def shop_data(orders: int, rng: random.Random) -> None:
    from jxc_desktop.engine import documents, settings
    from jxc_desktop.engine.documents import DocumentInput, LineInput
    from jxc_desktop.engine.production import capacity_calendar as cc

    ids = make_items([(f"P{n:03d}", "make", 0) for n in range(100)])
    insert(
        WorkCentre,
        [{"code": f"WC{n:02d}", "name": f"工作中心{n}", "capacity_hours": 8} for n in range(20)],
    )
    centres = [c.id for c in WorkCentre.select(WorkCentre.id).order_by(WorkCentre.code)]
    rows = []
    for n in range(100):
        for seq, centre in enumerate(rng.sample(centres, 3), 1):
            rows.append(
                {
                    "item": ids[f"P{n:03d}"],
                    "seq": seq * 10,
                    "name": f"工序{seq}",
                    "work_centre": centre,
                    "setup_hours": Decimal(rng.choice(["0.5", "1", "2"])),
                    "hours_per_unit": Decimal(rng.choice(["0.05", "0.1", "0.25", "0.5"])),
                }
            )
    insert(RoutingOperation, rows)
    settings.set_value("work_week", "mon_sat")
    for n in range(0, 20, 2):
        cc.set_shifts(f"WC{n:02d}", START, 2, "8")
    for n in range(10):
        cc.set_day(START + dt.timedelta(days=7 * n + 3), "closed")
    with write_transaction():
        for _ in range(orders):
            date = START + dt.timedelta(days=rng.randrange(60))
            line = LineInput(
                item=f"P{rng.randrange(100):03d}",
                qty=str(rng.randrange(10, 201)),
                due_date=date + dt.timedelta(days=rng.randrange(5, 36)),
            )
            documents.approve(documents.save_draft(DocumentInput("SCDD", date, [line])).id)


def main(argv=None) -> int:
    from jxc_desktop.engine.production import capacity_level
    from jxc_desktop.engine.production.capacity import capacity_plan

    ap = argparse.ArgumentParser()
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--dir")
    args = ap.parse_args(argv)
    print(machine.describe(), flush=True)
    orders = int(1000 * args.scale) or 10
    with tempfile.TemporaryDirectory(prefix="jxc_capacity_bench_", dir=args.dir) as tmp:
        fresh(Path(tmp) / "capacity.sqlite")
        started = time.perf_counter()
        shop_data(orders, random.Random(6))
        print(f"  (setup: {orders:,} work orders in {time.perf_counter() - started:,.1f} s)")
        started = time.perf_counter()
        schedule = capacity_level.level(START)
        late = sum(1 for o in schedule.orders if o.late)
        report(
            f"level: {orders:,} work orders, 20 centres",
            time.perf_counter() - started,
            3,
            f"→ last day {schedule.last_day}, {late:,} late",
        )
        started = time.perf_counter()
        capacity_level.apply_level(START)
        report(f"apply_level: {orders:,} work orders", time.perf_counter() - started, 5)
        started = time.perf_counter()
        capacity_plan(START, START + dt.timedelta(days=29), include_planned=False)
        report("load report, 30 days", time.perf_counter() - started, 3)
        close_company()
    return 0


if __name__ == "__main__":
    sys.exit(main())
