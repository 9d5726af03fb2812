"""The GUI item list on 1,000,000 items, offscreen: first paint, jump to end, memory.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_ui_list.py [ROWS] [DB]

An existing DB file is reused as it is (ROWS is then ignored).

Builds the items with raw executemany (jxc_desktop.models.db.bulk_insert), opens the
list the 基础资料 tab shows, and prints:
- first paint: creating the list (count + first page) until the first rows are drawn;
- jump to end: scrollToBottom until the last rows are drawn;
- scrolling end to end in steps of 1,000 rows, and the peak RSS afterwards;
- the same first / last 200 rows read by raw sqlite3 (`SELECT ... LIMIT 200`) for scale.
Targets: first rows < 200 ms, jump to end < 200 ms, RSS < 400 MB.
"""

from __future__ import annotations

import os
import resource
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench_listing import COLUMNS, item_rows  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from jxc_desktop.engine.company import CompanySetup, init_company  # noqa: E402
from jxc_desktop.engine.session import close_company, open_company  # noqa: E402
from jxc_desktop.models.db import bulk_insert, write_transaction  # noqa: E402
from jxc_desktop.models.masterdata import Item, Unit  # noqa: E402


def build(path: Path, rows: int) -> float:
    start = time.perf_counter()
    open_company(path, create=True)
    init_company(CompanySetup(name="性能测试公司", start_period="2026-01"))
    unit = Unit.get(Unit.name == "个").id
    with write_transaction():
        for first in range(0, rows, 50_000):
            prices = lambda n: (n % 1000 * 10_000, n % 1000 * 15_000)  # noqa: E731
            last = min(rows, first + 50_000)
            bulk_insert("item", COLUMNS, item_rows(first, last, unit, "500ml", prices))
    return time.perf_counter() - start


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f} ms"


def paint(app: QApplication, view) -> None:
    view.table.viewport().repaint()
    app.processEvents()


def measure_gui(app: QApplication) -> dict[str, float]:
    from jxc_desktop.ui.list_view import ListView
    from jxc_desktop.ui.listing_source import ListingSource

    out = {}
    start = time.perf_counter()
    view = ListView(ListingSource("items"))
    view.resize(1100, 700)
    view.show()
    paint(app, view)
    out["first paint"] = time.perf_counter() - start
    assert view.model.row(0)["code"] == "I0000000"
    start = time.perf_counter()
    view.table.scrollToBottom()
    paint(app, view)
    out["jump to end"] = time.perf_counter() - start
    last = view.model.rowCount() - 1
    assert view.model.row(last)["code"] == f"I{last:07d}"
    bar = view.table.verticalScrollBar()
    start = time.perf_counter()
    view.table.scrollTo(view.model.index(view.model.rowCount() // 2, 0))
    paint(app, view)
    out["jump to middle"] = time.perf_counter() - start
    start = time.perf_counter()
    steps, slowest = 0, 0.0
    for value in range(0, bar.maximum() + 1, 1000):
        step_start = time.perf_counter()
        bar.setValue(value)
        paint(app, view)
        slowest = max(slowest, time.perf_counter() - step_start)
        steps += 1
    out["scroll end to end"] = time.perf_counter() - start
    out["slowest step"] = slowest
    out["steps"] = steps
    out["pages read"] = view.model.fetches
    out["pages held"] = len(view.model.cached_pages())
    return out


def measure_raw(path: Path, rows: int) -> dict[str, float]:
    sql = "SELECT id, code, name, spec, sale_price FROM item ORDER BY code {d} LIMIT 200"
    con = sqlite3.connect(path)
    out = {}
    for label, order in (("raw first 200", "ASC"), ("raw last 200 (DESC)", "DESC")):
        start = time.perf_counter()
        got = con.execute(sql.format(d=order)).fetchall()
        out[label] = time.perf_counter() - start
        assert len(got) == min(200, rows)
    start = time.perf_counter()
    con.execute(
        "SELECT id, code FROM item ORDER BY code LIMIT 200 OFFSET ?", (max(0, rows - 200),)
    ).fetchall()
    out["raw last 200 (OFFSET)"] = time.perf_counter() - start
    con.close()
    return out


def main() -> int:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    path = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(tempfile.mkdtemp()) / "big.sqlite"
    app = QApplication.instance() or QApplication([])
    if path.exists():  # reuse a database built by an earlier run
        open_company(path)
        rows = Item.select().count()
        print(f"using {rows:,} items in {path}")
    else:
        print(f"building {rows:,} items in {path} ...")
        print(f"  built in {build(path, rows):.1f} s")
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    gui = measure_gui(app)
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    raw = measure_raw(path, rows)
    print(f"GUI list over {rows:,} items (offscreen):")
    for key in (
        "first paint",
        "jump to end",
        "jump to middle",
        "scroll end to end",
        "slowest step",
    ):
        print(f"  {key:24} {ms(gui[key])}")
    print(
        f"  scroll steps {gui['steps']:,}, pages read {gui['pages read']:,}, "
        f"pages held {gui['pages held']}"
    )
    print(f"  peak RSS before the list {rss_before:8.1f} MB, after scrolling {rss_after:8.1f} MB")
    print("raw sqlite3 on the same file:")
    for key, value in raw.items():
        print(f"  {key:24} {ms(value)}")
    close_company()
    return 0


if __name__ == "__main__":
    sys.exit(main())
