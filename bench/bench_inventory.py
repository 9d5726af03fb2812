"""Inventory engine benchmarks: approve, backdated re-valuation, stocktake, reports, scans.

    .venv/bin/python bench/bench_inventory.py [--scale F] [--dir DIR] [--only NAME ...]

Every part builds its database with bench/datagen.py (raw executemany; the result passes
`jxc check`), runs the real engine on it, and then does comparable raw work with the
sqlite3 module on the same file in the same run (inserting the same number of ledger
rows, reading the same rows), rolled back, for a ratio. Sizes are the issue's targets
times --scale (1 = full size, a few minutes; 0.1 for a quick look). Parts: approve,
backdated, stocktake, reports, scan.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import sqlite3
import statistics
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

from jxc_desktop.engine import documents, lookup  # noqa: E402
from jxc_desktop.engine.documents import DocumentInput, LineInput  # noqa: E402
from jxc_desktop.engine.inventory import ledger, stocktake  # noqa: E402
from jxc_desktop.engine.reports import ReportParams  # noqa: E402
from jxc_desktop.engine.reports import stock as stock_reports  # noqa: E402
from jxc_desktop.engine.session import close_company, open_company  # noqa: E402
from jxc_desktop.models.db import execute, stop_checkpointer  # noqa: E402
from jxc_desktop.models.stock import month_of, months_from  # noqa: E402

AFTER = dt.date(2026, 12, 1)  # after the generated history
RESULTS: list[tuple[str, str, str, str]] = []  # (what, figure, target, verdict)


def report(what: str, seconds: float, target: float | None = None, extra: str = "") -> None:
    figure = f"{seconds * 1000:,.1f} ms" if seconds < 1 else f"{seconds:,.2f} s"
    verdict = "" if target is None else ("met" if seconds < target else "NOT met")
    target_text = (
        "" if target is None else (f"< {target * 1000:g} ms" if target < 1 else f"< {target:g} s")
    )
    RESULTS.append((what, figure + (f" ({extra})" if extra else ""), target_text, verdict))
    print(
        f"  {what}: {figure} {extra} {'[' + target_text + ': ' + verdict + ']' if target else ''}"
    )


WAL_PAGES: list[int | None] = [None]  # --writer-checkpoints
DOCUMENTS = 11  # approved per ledger size: the first after opening, then ten sustained
LEDGER_SECONDS = [0.0]  # time spent inside ledger.post / ledger.reverse (the valuation core)


def _clocked(fn):
    def wrapper(*args, **kw):
        t = time.perf_counter()
        try:
            return fn(*args, **kw)
        finally:
            LEDGER_SECONDS[0] += time.perf_counter() - t

    return wrapper


# postings.py calls ledger.post / ledger.reverse through the module: this measures the share
ledger.post = _clocked(ledger.post)
ledger.reverse = _clocked(ledger.reverse)


def timed(fn, *args, **kw):
    t = time.perf_counter()
    out = fn(*args, **kw)
    return out, time.perf_counter() - t


def build(dirpath: Path, name: str, spec: datagen.Spec) -> Path:
    path = dirpath / f"{name}.sqlite"
    s = datagen.generate(path, spec)
    print(
        f"  [datagen {name}: {s.documents:,} documents, {s.moves:,} moves, {s.pools:,} pools, "
        f"{s.seconds:.1f} s]"
    )
    return path


# ---------------------------------------------------------------- raw comparisons


def raw_insert_moves(path: Path, count: int) -> float:
    """Raw sqlite3: insert `count` ledger rows + as many on-hand updates, rolled back."""
    con = sqlite3.connect(path, isolation_level=None)
    doc_id, line_id = con.execute(
        "SELECT MAX(document_id), MAX(line_id) FROM stock_move"
    ).fetchone()
    rows = [
        (
            "move",
            doc_id,
            line_id,
            "2026-12-31",
            "",
            1 + n % 1000,
            1,
            "",
            10_000,
            100,
            10_000,
            "fixed",
            "2026-12-31 00:00:00",
            "2026-12",
        )
        for n in range(count)
    ]
    t = time.perf_counter()
    con.execute("BEGIN IMMEDIATE")
    con.executemany(
        "INSERT INTO stock_move (kind, document_id, line_id, date, time, item_id, warehouse_id, "
        "batch_no, qty, value, unit_cost, cost_source, created_at, month) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    con.executemany(
        "UPDATE cost_group SET loose_qty = loose_qty + ? "
        "WHERE item_id = ? AND warehouse_id = 1 AND batch_no = ''",
        [(r[8], r[5]) for r in rows],
    )
    elapsed = time.perf_counter() - t
    con.execute("ROLLBACK")
    con.close()
    return elapsed


def raw_approve_floor(path: Path, docs: int, lines: int, rng) -> float:
    """Raw sqlite3 doing the pages an approval must write, committed: per document, insert
    `lines` moves of random stocked items, update their cost groups (with the on-hand), COMMIT
    (no checkpoint). Runs on a copy of the file; returns the mean seconds per document."""
    copy = path.with_name(path.stem + "_raw.sqlite")
    shutil.copy(path, copy)
    con = sqlite3.connect(copy, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=NORMAL")
    con.execute("PRAGMA cache_size=-64000")
    con.execute("PRAGMA wal_autocheckpoint=0")
    items = [
        r[0]
        for r in con.execute("SELECT item_id FROM stock_balance WHERE warehouse_id = 1 AND qty > 0")
    ]
    doc_id, line_id = con.execute(
        "SELECT MAX(document_id), MAX(line_id) FROM stock_move"
    ).fetchone()
    total = 0.0
    for n in range(docs):
        chosen = rng.sample(items, min(lines, len(items)))
        rows = [
            (
                "move",
                doc_id,
                line_id,
                f"2027-01-{n + 1:02d}",
                "",
                i,
                1,
                "",
                10_000,
                100,
                10_000,
                "fixed",
                "2027-01-01 00:00:00",
                "2027-01",
            )
            for i in chosen
        ]
        t = time.perf_counter()
        con.execute("BEGIN IMMEDIATE")
        con.executemany(
            "INSERT INTO stock_move (kind, document_id, line_id, date, time, item_id, "
            "warehouse_id, batch_no, qty, value, unit_cost, cost_source, created_at, month) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        con.executemany(
            "UPDATE cost_group SET qty = qty + 10000, value = value + 100, last_date = ?, "
            "loose_qty = loose_qty + 10000 WHERE item_id = ? AND warehouse_id = 1 AND batch_no = ''",
            [(r[3], r[5]) for r in rows],
        )
        con.execute("COMMIT")
        total += time.perf_counter() - t
    con.close()
    for suffix in ("", "-wal", "-shm"):
        Path(str(copy) + suffix).unlink(missing_ok=True)
    return total / docs


def raw_read(path: Path, sql: str, params=()) -> tuple[float, int]:
    con = sqlite3.connect(path)
    t = time.perf_counter()
    n = len(con.execute(sql, params).fetchall())
    elapsed = time.perf_counter() - t
    con.close()
    return elapsed, n


def raw_months(path: Path) -> str:
    """`month IN (...)` naming every month of the ledger, as the engine's queries by item
    do (the per-item index leads with the month), written out for a raw query."""
    con = sqlite3.connect(path)
    (first,) = con.execute("SELECT MIN(date) FROM stock_move").fetchone()
    (last,) = con.execute("SELECT MAX(date) FROM stock_move").fetchone()
    con.close()
    months = months_from(month_of(first), month_of(last))
    return "month IN (" + ", ".join(f"'{m}'" for m in months) + ")"


def ratio(engine: float, raw: float) -> str:
    return f"raw sqlite3 {raw * 1000:,.1f} ms, engine/raw {engine / raw:,.1f}×" if raw else ""


# ---------------------------------------------------------------- approve


def _receipt(date, items, rng) -> DocumentInput:
    lines = [
        LineInput(item=c, qty=str(rng.randint(1, 50)), price=f"{rng.randint(100, 9999) / 100}")
        for c in items
    ]
    return DocumentInput("QTRK", date, lines, warehouse="W01")


def _issue(date, items) -> DocumentInput:
    return DocumentInput("QTCK", date, [LineInput(item=c, qty="1") for c in items], warehouse="W01")


def _stocked_codes(count: int, rng) -> list[str]:
    codes = [
        r[0]
        for r in execute(
            "SELECT i.code FROM stock_balance b JOIN item i ON i.id = b.item_id "
            "WHERE b.warehouse_id = 1 AND b.qty >= 20000 AND i.code <> 'HOT'"
        )
    ]
    return rng.sample(codes, min(count, len(codes)))


def bench_approve(dirpath: Path, scale: float, fixed_items: int | None = None) -> Path:
    """fixed_items: the same item count at every ledger size (by default the items grow
    with the ledger: 2,000 / 5,000 / 50,000), to tell the ledger's size from the items'."""
    print("approve 1,000-line 其他入库 / 其他出库 documents at growing ledger sizes")
    rng = random.Random(7)
    last = None
    for moves in (10_000, 100_000, 1_000_000):
        moves = max(1000, int(moves * scale))
        items = fixed_items or min(50_000, max(2000, moves // 20))
        path = build(dirpath, f"ledger_{moves}", datagen.Spec(moves=moves, items=items))
        open_company(path)
        if WAL_PAGES[0]:  # the committing connection checkpoints, as before session 3
            stop_checkpointer()
            execute(f"PRAGMA wal_autocheckpoint={int(WAL_PAGES[0])}")
        times, drafts = [], []
        for n in range(DOCUMENTS):
            date = AFTER + dt.timedelta(days=n)
            data = (
                _receipt(date, _stocked_codes(1000, rng), rng)
                if n % 2 == 0
                else _issue(date, _stocked_codes(1000, rng))
            )
            doc, t_draft = timed(documents.save_draft, data)
            drafts.append(t_draft)
            LEDGER_SECONDS[0] = 0.0
            _, t = timed(documents.approve, doc.id)
            times.append((data.doc_type, t, LEDGER_SECONDS[0]))
        LEDGER_SECONDS[0] = 0.0
        _, t_un = timed(documents.unapprove, doc.id)
        t_un_ledger = LEDGER_SECONDS[0]
        close_company()
        raw = raw_insert_moves(path, 1000)
        floor = raw_approve_floor(path, 6, 1000, rng)
        for kind in ("QTRK", "QTCK"):
            ts = sorted((t, lt) for k, t, lt in times if k == kind)
            best, best_ledger = ts[0]
            report(
                f"approve 1,000-line {kind}, ledger {moves:,} moves",
                best,
                0.5,
                f"of which ledger.post {best_ledger * 1000:,.0f} ms; median of {len(ts)} "
                f"{statistics.median(t for t, _ in ts) * 1000:,.0f} ms; {ratio(best, raw)}",
            )
        report(
            f"un-approve a 1,000-line {data.doc_type}, ledger {moves:,} moves",
            t_un,
            None,
            f"of which ledger.reverse {t_un_ledger * 1000:,.0f} ms",
        )
        total = sum(t for _, t, _ in times)
        # The first approval after opening the company also fills SQLite's page cache
        # (a one-off per session, reported as its own figure above): throughput is the
        # sustained rate of the documents after it.
        warm = sum(t for _, t, _ in times[1:])
        lines_all, lines_warm = 1000 * len(times), 1000 * (len(times) - 1)
        print(
            f"  first approval after opening {times[0][1] * 1000:,.0f} ms; throughput at "
            f"{moves:,} moves, {items:,} items: {lines_warm / warm:,.0f} lines/s sustained "
            f"(documents 2-{len(times)}), {lines_all / total:,.0f} lines/s over all "
            f"{len(times)} "
            f"(save_draft {statistics.median(drafts) * 1000:,.0f} ms per document, not "
            f"counted); raw sqlite3 writing the same pages and committing: "
            f"{floor * 1000:,.1f} ms per document = {1000 / floor:,.0f} lines/s"
        )
        RESULTS.append(
            (
                f"approve throughput, ledger {moves:,} moves, {items:,} items",
                f"{lines_warm / warm:,.0f} lines/s sustained (all {len(times)} documents "
                f"{lines_all / total:,.0f}; raw sqlite3 floor {1000 / floor:,.0f})",
                ">= 20,000 lines/s",
                "met" if lines_warm / warm >= 20_000 else "NOT met",
            )
        )
        last = path
    return last


# ---------------------------------------------------------------- backdated


def bench_backdated(dirpath: Path, scale: float) -> None:
    hot = max(1000, int(100_000 * scale))
    print(f"backdated receipt re-valuing {hot:,} later moves of one item")
    path = build(
        dirpath,
        "backdated",
        datagen.Spec(moves=max(1000, int(20_000 * scale)), items=2000, hot=hot),
    )
    open_company(path)
    doc = documents.save_draft(
        DocumentInput(
            "QTRK",
            dt.date(2025, 12, 31),
            [LineInput(item="HOT", qty="100000", price="9.99")],
            warehouse="W01",
        )
    )
    result, t = timed(documents.approve, doc.id)
    _, t_back = timed(documents.unapprove, doc.id)
    (item_id,) = execute("SELECT id FROM item WHERE code = 'HOT'").fetchone()
    close_company()
    raw_t, n = raw_read(
        path,
        f"SELECT id, qty, value FROM stock_move WHERE {raw_months(path)} AND item_id = ? "
        "AND warehouse_id = 1 AND kind = 'move' ORDER BY month, date, time, id",
        (item_id,),
    )
    raw_w = raw_insert_moves(path, result.revalued)
    report(
        f"backdated receipt, {result.revalued:,} later moves re-valued",
        t,
        2.0,
        ratio(t, raw_t + raw_w) + f" (read {n:,} moves + insert as many rows)",
    )
    report(f"un-approve it again ({result.revalued:,} moves re-valued back)", t_back)


# ---------------------------------------------------------------- stocktake


def bench_stocktake(dirpath: Path, scale: float) -> None:
    want = max(500, int(20_000 * scale))
    print(f"stocktake of about {want:,} lines: create, count all, approve")
    path = build(
        dirpath,
        "stocktake",
        datagen.Spec(moves=want * 2, items=want, warehouses=1, lines=1000, fifo_share=0.1),
    )
    open_company(path)
    doc, t_create = timed(stocktake.create_stocktake, "W01", AFTER)
    lines = list(doc.lines.order_by(documents.DocumentLine.line_no))
    rng = random.Random(3)
    counted = []
    for line in lines:
        diff = rng.choice((1, 1, -1, 0))
        qty = max(0, line.book_qty + diff)
        counted.append(
            LineInput(item=line.item, qty=str(qty), book_qty=line.book_qty, counted=True)
        )
    data = DocumentInput("PDD", AFTER, counted, warehouse="W01")
    _, t_count = timed(documents.save_draft, data, doc.id)
    LEDGER_SECONDS[0] = 0.0
    result, t_approve = timed(documents.approve, doc.id)
    t_ledger = LEDGER_SECONDS[0]
    close_company()
    raw = raw_insert_moves(path, result.moves)
    n = len(lines)
    report(f"stocktake create_stocktake ({n:,} lines)", t_create)
    report(f"stocktake count all {n:,} lines (save_draft with the counts)", t_count)
    report(
        f"stocktake approve ({result.moves:,} differences posted)",
        t_approve,
        None,
        f"of which ledger.post {t_ledger * 1000:,.0f} ms; {ratio(t_approve, raw)}",
    )
    report(f"stocktake create + count + approve, {n:,} lines", t_create + t_count + t_approve, 3.0)


# ---------------------------------------------------------------- reports


def bench_reports(path: Path) -> None:
    print(f"reports on {path.name}")
    open_company(path)
    (moves,) = execute("SELECT COUNT(*) FROM stock_move").fetchone()
    (items,) = execute("SELECT COUNT(*) FROM item").fetchone()
    (code,) = execute("SELECT code FROM item WHERE id = 123").fetchone()
    rows, t_bal = timed(stock_reports.balance_rows, ReportParams())
    ledger, t_led = timed(stock_reports.ledger_rows, ReportParams(item=code))
    summary, t_sum = timed(stock_reports.summary_rows, ReportParams())
    month = ReportParams(date_from=dt.date(2026, 10, 1), date_to=dt.date(2026, 10, 31))
    month_rows, t_month = timed(stock_reports.summary_rows, month)
    early = ReportParams(date_from=dt.date(2026, 3, 1), date_to=dt.date(2026, 3, 31))
    early_rows, t_early = timed(stock_reports.summary_rows, early)
    close_company()
    raw_bal, _ = raw_read(
        path,
        "SELECT b.item_id, b.warehouse_id, b.location_id, b.batch_no, b.qty, g.value "
        "FROM stock_balance b JOIN cost_group g ON g.item_id = b.item_id "
        "AND g.warehouse_id = b.warehouse_id JOIN item i ON i.id = b.item_id ORDER BY i.code",
    )
    raw_led, _ = raw_read(
        path,
        f"SELECT * FROM stock_move WHERE {raw_months(path)} AND item_id = 123 "
        "ORDER BY warehouse_id, date, time, id",
    )
    raw_sum, _ = raw_read(
        path,
        "SELECT item_id, warehouse_id, SUM(qty), SUM(value) FROM stock_move "
        "GROUP BY item_id, warehouse_id",
    )
    size = f"{moves:,} moves, {items:,} items"
    report(f"stock-balance, {len(rows):,} rows ({size})", t_bal, 1.0, ratio(t_bal, raw_bal))
    report(f"stock-ledger --item {code}, {len(ledger):,} rows", t_led, 0.1, ratio(t_led, raw_led))
    report(
        f"stock-summary (收发存汇总), all time, {len(summary):,} rows",
        t_sum,
        1.0,
        ratio(t_sum, raw_sum),
    )
    report(f"stock-summary 2026-10 (last month), {len(month_rows):,} rows", t_month, 1.0)
    report(f"stock-summary 2026-03 (early month), {len(early_rows):,} rows", t_early, 1.0)


# ---------------------------------------------------------------- scan


def bench_scan(dirpath: Path) -> None:
    print("scan to line on a 500-line stocktake (lookup.scan + stocktake.count)")
    path = build(dirpath, "scan", datagen.Spec(moves=5000, items=2000, warehouses=1, lines=500))
    open_company(path)
    codes = [r[0] for r in execute("SELECT code FROM item ORDER BY id LIMIT 500")]
    barcodes = dict(
        execute("SELECT i.code, b.barcode FROM item_barcode b JOIN item i ON i.id = b.item_id")
    )
    doc = documents.save_draft(
        DocumentInput(
            "PDD",
            AFTER,
            [LineInput(item=c, qty="0", book_qty=0, counted=False) for c in codes],
            warehouse="W01",
        )
    )
    rng = random.Random(5)
    scans, lookups = [], []
    for _ in range(300):
        code = barcodes[rng.choice(codes)]
        lookups.append(timed(lookup.scan, code)[1])
        scans.append(timed(stocktake.count, doc.id, code)[1])
    close_company()
    con = sqlite3.connect(path, isolation_level=None)
    raw = []
    for _ in range(300):
        code = barcodes[rng.choice(codes)]
        t = time.perf_counter()
        con.execute("BEGIN IMMEDIATE")
        (item_id,) = con.execute(
            "SELECT item_id FROM item_barcode WHERE barcode = ?", (code,)
        ).fetchone()
        con.execute(
            "UPDATE document_line SET qty = qty + 10000, base_qty = base_qty + 10000 "
            "WHERE document_id = ? AND item_id = ?",
            (doc.id, item_id),
        )
        con.execute("COMMIT")
        raw.append(time.perf_counter() - t)
    con.close()
    p95 = sorted(scans)[int(len(scans) * 0.95)]
    report("lookup.scan (barcode → item, unit), median", statistics.median(lookups))
    report(
        "scan to line (stocktake.count, one transaction), median",
        statistics.median(scans),
        0.02,
        f"p95 {p95 * 1000:.1f} ms, {ratio(statistics.median(scans), statistics.median(raw))}",
    )


# ---------------------------------------------------------------- main


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--dir", type=Path, default=None, help="where the databases go (a temp dir)")
    ap.add_argument("--only", nargs="*", default=None)
    ap.add_argument(
        "--items",
        type=int,
        default=None,
        help="approve part: this many items at every ledger size (default: grows with it)",
    )
    ap.add_argument(
        "--writer-checkpoints",
        type=int,
        default=None,
        metavar="PAGES",
        help="approve part: no checkpointer thread; the writer checkpoints every PAGES pages "
        "(the shipped behaviour before session 3 was 10000)",
    )
    args = ap.parse_args(argv)
    WAL_PAGES[0] = args.writer_checkpoints
    if args.writer_checkpoints:
        print(f"writer checkpoints: PRAGMA wal_autocheckpoint={args.writer_checkpoints}")
    print(f"machine: {machine.describe()}")
    print(f"scale: {args.scale}")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        dirpath = Path(tmp)
        parts = args.only or ["approve", "reports", "backdated", "stocktake", "scan"]
        big = None
        if "approve" in parts or "reports" in parts:
            big = bench_approve(dirpath, args.scale, args.items)
        if "reports" in parts:
            bench_reports(big)
        if "backdated" in parts:
            bench_backdated(dirpath, args.scale)
        if "stocktake" in parts:
            bench_stocktake(dirpath, args.scale)
        if "scan" in parts:
            bench_scan(dirpath)
    print(
        f"\nsummary (total run {time.perf_counter() - started:,.0f} s, "
        f"load average at the end {machine.load()})"
    )
    for what, figure, target, verdict in RESULTS:
        print(f"| {what} | {figure} | {target} | {verdict} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
