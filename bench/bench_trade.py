"""Trade benchmarks: a big purchase invoice, an order's delivery, aging, a sales PDF.

    .venv/bin/python bench/bench_trade.py [--dir DIR]

Builds a company with bench/datagen.py (3,000 items with stock in W01, 200 partners,
30,000 stock moves of history), then through the real engine:
- approve a 2,750-line 采购发票 CGFP generated from a 2,750-line receipt (target < 1 s);
- generate the delivery of a 1,000-line 销售订单 and approve it (target < 0.5 s);
- ar-aging over 100,000 open items (written raw, then read by the report; < 1 s);
- the PDF of a 50-line 销售出库 (render_document and the 送货单; < 0.3 s each).
Each timing is the best of a few runs where the work can be repeated (un-approve in
between), else a single run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for p in (ROOT, ROOT / "bench"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

import datagen  # noqa: E402
import machine  # noqa: E402

from jxc_desktop.engine import documents  # noqa: E402
from jxc_desktop.engine.documents import DocumentInput, LineInput  # noqa: E402
from jxc_desktop.engine.reports import ReportParams  # noqa: E402
from jxc_desktop.engine.reports.trade_ar import aging_rows  # noqa: E402
from jxc_desktop.engine.session import close_company, open_company  # noqa: E402
from jxc_desktop.engine.trade import generate  # noqa: E402
from jxc_desktop.models.db import bulk_insert, execute, write_transaction  # noqa: E402
from jxc_desktop.models.masterdata import Partner  # noqa: E402

AFTER = dt.date(2026, 12, 1)  # after the generated history
RESULTS: list[tuple[str, str, str]] = []
SHARES: dict[str, float] = {}  # seconds inside approval hooks, by the module that owns them


def _owner(fn) -> str:
    module = getattr(fn, "__module__", "") or ""
    for name in ("trade", "finance", "inventory", "production", "quality"):
        if f".{name}" in module:
            return name
    return "other"


def _clocked(fn):
    owner = _owner(fn)

    def wrapper(*args, **kw):
        t = time.perf_counter()
        try:
            return fn(*args, **kw)
        finally:
            SHARES[owner] = SHARES.get(owner, 0.0) + time.perf_counter() - t

    return wrapper


def clock_hooks() -> None:
    """Times every approval hook and validator by owner (trade / finance / ...), so a
    figure says whose code the time is spent in."""
    documents._load_postings()
    for hooks in (documents._VALIDATORS, documents._AFTER_APPROVE):
        hooks[:] = [_clocked(h) for h in hooks]


def shares(total: float) -> str:
    parts = [f"{k} {v * 1000:,.0f} ms" for k, v in sorted(SHARES.items()) if v >= 0.0005]
    SHARES.clear()
    return f"of which {', '.join(parts)}; the rest: approval and stock posting" if parts else ""


def report(what: str, seconds: float, target: float, extra: str = "") -> None:
    verdict = "met" if seconds < target else "NOT met"
    figure = f"{seconds * 1000:,.0f} ms" + (f" ({extra})" if extra else "")
    RESULTS.append((what, figure, f"< {target * 1000:g} ms: {verdict}"))
    print(f"  {what}: {figure} [< {target * 1000:g} ms: {verdict}]", flush=True)


def _best(run, undo, target: float) -> tuple[float, str]:
    """The best of three runs (one when a run is far off the target); hook shares of it."""
    best, split = None, ""
    for _ in range(3):
        SHARES.clear()
        took = run()
        if best is None or took < best:
            best, split = took, shares(took)
        undo()
        if took > 3 * target:
            break
    return best, split


def _lines(n: int, price="10", qty="5") -> list[LineInput]:
    return [
        LineInput(item=f"I{i:06d}", qty=qty, price=price, tax_rate="13") for i in range(1, n + 1)
    ]


def _partner(kind: str) -> Partner:
    return Partner.select().where(Partner.kind == kind).order_by(Partner.code).first()


def bench_purchase_invoice() -> None:
    supplier = _partner("supplier")
    receipt = documents.save_draft(
        DocumentInput("CGRK", AFTER, _lines(2750), partner=supplier, warehouse="W01")
    )
    documents.approve(receipt.id)
    invoice = generate.delivery_to_invoice(receipt.id, AFTER, save=True)

    def run():
        t = time.perf_counter()
        documents.approve(invoice.id)
        return time.perf_counter() - t

    best, split = _best(run, lambda: documents.unapprove(invoice.id), 1.0)
    report("approve a 2,750-line purchase invoice (CGFP)", best, 1.0, split)


def bench_order_delivery() -> None:
    customer = _partner("customer")
    order = documents.save_draft(
        DocumentInput("XSDD", AFTER, _lines(1000, price="20", qty="1"), partner=customer)
    )
    documents.approve(order.id)
    made = []

    def run():
        t = time.perf_counter()
        with write_transaction():
            delivery = generate.order_to_delivery(order.id, AFTER, "W01", save=True)
            SHARES["generate+save (trade)"] = time.perf_counter() - t
            documents.approve(delivery.id)
        made.append(delivery.id)
        return time.perf_counter() - t

    def undo():
        documents.unapprove(made[-1])
        documents.void(made[-1])

    best, split = _best(run, undo, 0.5)
    report("generate and approve a delivery from a 1,000-line order", best, 0.5, split)


def bench_aging(count: int = 100_000) -> None:
    customers = [p.id for p in Partner.select().where(Partner.kind == "customer")]
    (doc_id,) = execute("SELECT MIN(id) FROM document").fetchone()
    rows = []
    start = dt.date(2026, 1, 1)
    for n in range(count):
        day = start + dt.timedelta(days=n % 300)
        rows.append(
            (
                customers[n % len(customers)],
                "receivable",
                doc_id,
                day,
                day + dt.timedelta(days=30),
                "CNY",
                1_000_000,
                10_000 + n % 997,
                10_000 + n % 997,
                "",
                "2026-01-01 08:00:00",
            )
        )
    with write_transaction():
        bulk_insert(
            "open_item",
            "partner_id kind document_id date due_date currency exchange_rate currency_amount "
            "amount is_advance created_at".split(),
            rows,
        )
    best = None
    for _ in range(3):
        t = time.perf_counter()
        out = aging_rows("receivable", ReportParams(date_to=AFTER))
        took = time.perf_counter() - t
        best = took if best is None else min(best, took)
    assert len(out) == len(customers)
    report(f"ar-aging over {count:,} open items ({len(out)} customers)", best, 1.0)


def bench_pdf(folder: Path) -> None:
    from jxc_desktop.engine.printing import trade_papers
    from jxc_desktop.engine.printing.document_pdf import render_document

    customer = _partner("customer")
    delivery = documents.save_draft(
        DocumentInput("XSCK", AFTER, _lines(50, "20", "1"), partner=customer, warehouse="W01")
    )
    documents.approve(delivery.id)
    for name, fn in [
        ("render_document", lambda p: render_document(delivery.id, p)),
        (
            "送货单 delivery-note",
            lambda p: trade_papers.render_paper("delivery-note", delivery.id, p),
        ),
    ]:
        fn(folder / "warm.pdf")  # fonts are loaded once per process
        best = None
        for n in range(3):
            t = time.perf_counter()
            fn(folder / f"sale{n}.pdf")
            took = time.perf_counter() - t
            best = took if best is None else min(best, took)
        report(f"PDF of a 50-line sales document ({name})", best, 0.3)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", help="where to build the company (default: a temp dir)")
    args = parser.parse_args(argv)
    folder = Path(args.dir or tempfile.mkdtemp(prefix="bench_trade_"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "trade.sqlite"
    print(machine.describe(), flush=True)
    t = time.perf_counter()
    datagen.generate(path, datagen.Spec(moves=30_000, items=3_000, warehouses=1, partners=200))
    print(f"  company built in {time.perf_counter() - t:.1f} s", flush=True)
    open_company(path)
    clock_hooks()
    try:
        bench_purchase_invoice()
        bench_order_delivery()
        bench_pdf(folder)
        bench_aging()
    finally:
        close_company()
    print("\n| what | figure | target |\n|---|---|---|")
    for row in RESULTS:
        print("| " + " | ".join(row) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
