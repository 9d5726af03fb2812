"""What the allocations of open work orders cost an MRP run (issue 6, firming).

    .venv/bin/python bench/bench_mrp_allocations.py [--orders N] [--dir DIR]

N released work orders (default 1,000) of 50 products, each product made of 3 of 200
materials; every order has had part of one material issued (生产领料). Timed: the
allocations alone (what the open orders still need) and a whole `run_mrp`, which now
plans the materials of those orders. The base data goes through the engine's
save_draft / approve (not timed).
"""

from __future__ import annotations

import argparse
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
from bench_production import START, fresh, make_boms, make_items, report  # noqa: E402

from jxc_desktop.engine.session import close_company  # noqa: E402
from jxc_desktop.models.db import write_transaction  # noqa: E402
from jxc_desktop.models.masterdata import Warehouse  # noqa: E402


def data(orders: int) -> None:
    """50 products × 3 of 200 materials; N released orders, one partial issue each."""
    from jxc_desktop.engine import documents
    from jxc_desktop.engine.documents import DocumentInput, LineInput

    Warehouse.create(code="W1", name="仓库")
    materials = [f"M{n:03d}" for n in range(200)]
    products = [f"P{n:02d}" for n in range(50)]
    ids = make_items([(m, "purchase", 5) for m in materials] + [(p, "make", 2) for p in products])
    make_boms(
        {
            p: [(materials[(n * 3 + k) % 200], Decimal(2)) for k in range(3)]
            for n, p in enumerate(products)
        },
        ids,
    )
    stock = [LineInput(item=m, qty=str(orders * 2), price="1") for m in materials]
    documents.approve(documents.save_draft(DocumentInput("QCKC", START, stock, warehouse="W1")).id)
    with write_transaction():
        for n in range(orders):
            product = products[n % 50]
            wo = documents.save_draft(
                DocumentInput("SCDD", START, [LineInput(item=product, qty="10")])
            )
            documents.approve(wo.id)
            first = materials[(n % 50) * 3 % 200]
            issue = LineInput(item=first, qty="5", cost_object=wo.number)
            doc = documents.save_draft(DocumentInput("SCLL", START, [issue], warehouse="W1"))
            documents.approve(doc.id)


def main(argv=None) -> int:
    from jxc_desktop.engine.production.mrp import run_mrp
    from jxc_desktop.engine.production.mrp_allocations import allocations

    ap = argparse.ArgumentParser()
    ap.add_argument("--orders", type=int, default=1000)
    ap.add_argument("--dir")
    args = ap.parse_args(argv)
    print(machine.describe(), flush=True)
    with tempfile.TemporaryDirectory(prefix="jxc_alloc_bench_", dir=args.dir) as tmp:
        fresh(Path(tmp) / "alloc.sqlite")
        started = time.perf_counter()
        data(args.orders)
        print(f"  (setup: {args.orders:,} work orders in {time.perf_counter() - started:,.1f} s)")
        started = time.perf_counter()
        need = allocations(START, None)
        report(
            f"allocations of {args.orders:,} open work orders",
            time.perf_counter() - started,
            1,
            f"→ {len(need):,} component requirements",
        )
        started = time.perf_counter()
        result = run_mrp(START)
        report(
            f"run_mrp with {args.orders:,} open work orders",
            time.perf_counter() - started,
            5,
            f"→ {len(result.orders):,} planned orders",
        )
        close_company()
    return 0


if __name__ == "__main__":
    sys.exit(main())
