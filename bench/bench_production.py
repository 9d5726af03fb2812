"""Production benchmarks: MRP at scale, a big multi-level explosion, the month-end cost run.

    .venv/bin/python bench/bench_production.py [--scale F] [--dir DIR] [--only NAME ...]

Parts (targets from issue 6, sizes × --scale):
- mrp: 10,000 items on 5 BOM levels (1,000 products made to order, 1,500 / 1,500 /
  2,000 sub-assemblies, 4,000 purchased materials; 2–3 components per BOM, shared),
  20,000 open sales-order lines due over one year; `run_mrp` < 5 s. `--lots economic`
  (default): sub-assemblies in minimum lots of 1,000 / 2,000 / 4,000, materials in
  fixed lots of 10,000; `--lots small`: 50 / 100 / 200 and 500 (an order almost every
  day an item is short: ~400,000 planned orders); `--lots lfl`: lot-for-lot everywhere
  (an order every day an item is needed); `--lots period`: 固定周期 of 7 days below the
  products (one order a week covering the week).
- explode: one product whose 5-level BOM has 2,030 component lines (5 × 5 × 5 × 5 × 2,
  every node its own item); `bom.explode` < 100 ms.
- costrun: 5,000 work orders in one month, each with one material issue and one
  finished-goods receipt at book cost; `run_cost` (settling every receipt) < 10 s.
The base data is written with insert_many (not timed); the timed part is the engine.
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

from jxc_desktop.engine.company import CompanySetup, init_company  # noqa: E402
from jxc_desktop.engine.session import close_company, open_company  # noqa: E402
from jxc_desktop.models.db import database, write_transaction  # noqa: E402
from jxc_desktop.models.documents import Document, DocumentLine  # noqa: E402
from jxc_desktop.models.masterdata import Item, Partner, Unit, Warehouse  # noqa: E402
from jxc_desktop.models.production import Bom, BomLine  # noqa: E402

RESULTS: list[tuple[str, str, str, str]] = []
START = dt.date(2027, 1, 1)


def report(what: str, seconds: float, target: float, extra: str = "") -> None:
    figure = f"{seconds * 1000:,.1f} ms" if seconds < 1 else f"{seconds:,.2f} s"
    target_text = f"< {target * 1000:g} ms" if target < 1 else f"< {target:g} s"
    verdict = "met" if seconds < target else "NOT met"
    RESULTS.append((what, figure, target_text, verdict))
    print(f"{what}: {figure} (target {target_text}: {verdict}) {extra}", flush=True)


def fresh(path: Path) -> None:
    open_company(path, create=True)
    init_company(CompanySetup(name="基准公司", start_period="2027-01"))


def _chunks(rows: list[dict], size: int = 500):
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


def insert(model, rows: list[dict]) -> None:
    with database.obj.atomic():
        for chunk in _chunks(rows):
            model.insert_many(chunk).execute()


def make_items(codes_sources: list[tuple]) -> dict[str, int]:
    """(code, source, lead time[, lot rule, lot size[, period days]]) → item ids by code."""
    unit = Unit.get(Unit.name == "个").id
    rows = [
        {
            "code": code,
            "name": f"物料{code}",
            "base_unit": unit,
            "source": source,
            "lead_time_days": lead,
            "item_type": "material" if source == "purchase" else "goods",
            "lot_rule": lot[0] if lot else "lot_for_lot",
            "lot_size": Decimal(lot[1]) if lot else Decimal(0),
            "lot_period_days": lot[2] if len(lot) > 2 else None,
        }
        for code, source, lead, *lot in codes_sources
    ]
    insert(Item, rows)
    return {i.code: i.id for i in Item.select(Item.id, Item.code)}


def make_boms(children: dict[str, list[tuple[str, Decimal]]], ids: dict[str, int]) -> None:
    unit = Unit.get(Unit.name == "个").id
    insert(Bom, [{"item": ids[parent], "version": "1"} for parent in children])
    bom_ids = {b.item_id: b.id for b in Bom.select(Bom.id, Bom.item)}
    lines = []
    for parent, comps in children.items():
        for n, (code, qty) in enumerate(comps, 1):
            lines.append(
                {
                    "bom": bom_ids[ids[parent]],
                    "line_no": n,
                    "component": ids[code],
                    "qty": qty,
                    "unit": unit,
                }
            )
    insert(BomLine, lines)


# ---------------------------------------------------------------- MRP


LOTS = {
    # small lots: about a week of use or less; every shortage day becomes an order
    "small": [(), ("minimum", 50), ("minimum", 100), ("minimum", 200), ("fixed", 500)],
    # economic lots: a sub-assembly or material is made / bought a few times a year
    "economic": [(), ("minimum", 1000), ("minimum", 2000), ("minimum", 4000), ("fixed", 10000)],
    # lot-for-lot: every day an item is needed is an order
    "lfl": [(), (), (), (), ()],
    # period order quantity: a week's net requirements per order
    "period": [(), ("period", 0, 7), ("period", 0, 7), ("period", 0, 7), ("period", 0, 7)],
}


def mrp_data(scale: float, rng: random.Random, lot_profile: str = "economic") -> int:
    sizes = [int(n * scale) or 1 for n in (1000, 1500, 1500, 2000, 4000)]
    levels = [[f"L{lv}-{i:05d}" for i in range(n)] for lv, n in enumerate(sizes)]
    specs = []
    # products made to order; sub-assemblies in minimum lots, materials in fixed lots
    lots = LOTS[lot_profile]
    for lv, codes in enumerate(levels):
        source = "purchase" if lv == 4 else "make"
        specs += [(c, source, rng.choice((0, 1, 2, 3, 5, 7)), *lots[lv]) for c in codes]
    ids = make_items(specs)
    children = {
        code: [
            (c, Decimal(rng.choice(("1", "2", "0.5", "3"))))
            for c in rng.sample(levels[lv + 1], rng.choice((2, 3)))
        ]
        for lv in range(4)
        for code in levels[lv]
    }
    make_boms(children, ids)
    customer = Partner.create(kind="customer", code="K1", name="客户").id
    demand_lines = int(20_000 * scale) or 10
    docs = [
        {
            "doc_type": "XSDD",
            "number": f"XSDD-B{n:05d}",
            "date": START,
            "status": "approved",
            "partner": customer,
        }
        for n in range(demand_lines // 10)
    ]
    insert(Document, docs)
    doc_ids = [d.id for d in Document.select(Document.id).where(Document.doc_type == "XSDD")]
    lines = []
    for n in range(demand_lines):
        qty = Decimal(rng.randint(1, 50))
        lines.append(
            {
                "document": doc_ids[n // 10],
                "line_no": n % 10 + 1,
                "item": ids[rng.choice(levels[0])],
                "qty": qty,
                "base_qty": qty,
                "due_date": START + dt.timedelta(days=rng.randrange(365)),
            }
        )
    insert(DocumentLine, lines)
    return demand_lines


def bench_mrp(scale: float, folder: Path, rng: random.Random, lots: str) -> None:
    from jxc_desktop.engine.production.mrp import run_mrp

    fresh(folder / f"mrp_{lots}.sqlite")
    demand = mrp_data(scale, rng, lots)
    calls = []
    started = time.perf_counter()
    result = run_mrp(START, START + dt.timedelta(days=364), None, lambda d, t: calls.append(d))
    seconds = time.perf_counter() - started
    report(
        f"MRP ({lots} lots): {Item.select().count():,} items, 5 levels, {demand:,} demand "
        "lines, one year",
        seconds,
        5,
        f"→ {len(result.orders):,} planned orders, {len(calls):,} progress calls",
    )
    # what `jxc mrp run --format json` adds: every order's pegging, resolved when read
    started = time.perf_counter()
    pegs = sum(len(o.pegging) for o in result.orders)
    print(
        f"  (pegging of every order read: {pegs:,} entries in {time.perf_counter() - started:,.2f} s)"
    )
    close_company()


# ---------------------------------------------------------------- explosion


def bench_explode(folder: Path) -> None:
    from jxc_desktop.engine.production.bom import explode

    fresh(folder / "explode.sqlite")
    specs, children = [("TOP", "make", 0)], {}
    frontier = ["TOP"]
    for level, width in enumerate((5, 5, 5, 5, 2), 1):
        nxt = []
        for parent in frontier:
            kids = [f"{parent}.{k}" for k in range(width)]
            children[parent] = [(c, Decimal("2")) for c in kids]
            specs += [(c, "purchase" if level == 5 else "make", 0) for c in kids]
            nxt += kids
        frontier = nxt
    ids = make_items(specs)
    make_boms(children, ids)
    top = Item.get(Item.code == "TOP")
    best = None
    for _ in range(5):
        started = time.perf_counter()
        rows = explode(top, Decimal(1), START)
        took = time.perf_counter() - started
        best = took if best is None else min(best, took)
    report(f"explosion: 5 levels, {len(rows):,} component lines (best of 5)", best, 0.1)
    close_company()


# ---------------------------------------------------------------- cost run


def costrun_data(orders: int) -> None:
    """Opening stock of one material, then per work order: SCDD, SCLL, CPRK (approved)."""
    from jxc_desktop.engine import documents
    from jxc_desktop.engine.documents import DocumentInput, LineInput

    Warehouse.create(code="W1", name="仓库")
    make_items([("RM", "purchase", 0)] + [(f"P{n % 50:02d}", "make", 0) for n in range(50)])
    day = dt.date(2027, 1, 1)
    qty = Decimal(orders * 2)
    opening = DocumentInput(
        "QCKC", day, [LineInput(item="RM", qty=qty, price="3.25")], warehouse="W1"
    )
    documents.approve(documents.save_draft(opening).id)
    with write_transaction():
        for n in range(orders):
            product = f"P{n % 50:02d}"
            date = day + dt.timedelta(days=1 + n % 27)
            wo = documents.save_draft(
                DocumentInput("SCDD", date, [LineInput(item=product, qty="2")])
            )
            documents.approve(wo.id)
            issue = DocumentInput(
                "SCLL",
                date,
                [LineInput(item="RM", qty="2", cost_object=wo.number)],
                warehouse="W1",
            )
            documents.approve(documents.save_draft(issue).id)
            receipt = DocumentInput(
                "CPRK",
                date,
                [LineInput(item=product, qty="2", cost_object=wo.number)],
                warehouse="W1",
            )
            documents.approve(documents.save_draft(receipt).id)


def bench_costrun(scale: float, folder: Path) -> None:
    from jxc_desktop.engine import checks
    from jxc_desktop.engine.production.costing_run import run_cost

    fresh(folder / "costrun.sqlite")
    orders = int(5000 * scale) or 10
    started = time.perf_counter()
    costrun_data(orders)
    print(f"  (setup: {orders:,} work orders approved in {time.perf_counter() - started:,.1f} s)")
    started = time.perf_counter()
    result = run_cost("2027-01")
    seconds = time.perf_counter() - started
    report(
        f"cost run: {orders:,} work orders, one issue and one receipt each",
        seconds,
        10,
        f"→ {len(result.documents):,} adjustment documents",
    )
    if scale <= 0.1:
        assert checks.run_all() == [], "jxc check after the cost run"
    close_company()


PARTS = ("mrp", "explode", "costrun")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--dir")
    ap.add_argument("--only", nargs="*", choices=PARTS)
    ap.add_argument("--lots", choices=sorted(LOTS), default="economic", help="MRP lot sizes")
    args = ap.parse_args(argv)
    print(machine.describe(), flush=True)
    rng = random.Random(6)
    with tempfile.TemporaryDirectory(prefix="jxc_production_bench_", dir=args.dir) as tmp:
        folder = Path(tmp)
        for part in args.only or PARTS:
            if part == "mrp":
                bench_mrp(args.scale, folder, rng, args.lots)
            elif part == "explode":
                bench_explode(folder)
            else:
                bench_costrun(args.scale, folder)
    print("\n| what | figure | target | |\n|---|---|---|---|")
    for row in RESULTS:
        print("| " + " | ".join(row) + " |")
    return 0 if all(r[3] == "met" for r in RESULTS) else 1


if __name__ == "__main__":
    sys.exit(main())
