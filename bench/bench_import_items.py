"""Import of 50,000 items from xlsx through `jxc import items`, fully validated.

    .venv/bin/python bench/bench_import_items.py [ROWS]

Generates the sheet, runs the real CLI in a child process (so its peak RSS is the
CLI's own), prints wall time, rows/s and peak memory, then inserts the same rows with
raw sqlite3 executemany into an empty item table for a ratio. Targets: < 30 s and
< 300 MB for 50,000 rows.
"""

from __future__ import annotations

import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from openpyxl import Workbook

from jxc_desktop.engine import barcodes
from jxc_desktop.engine.excel_sheets import ITEMS

ROOT = Path(__file__).resolve().parent.parent


def make_sheet(path: Path, rows: int) -> None:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("商品")
    ws.append(ITEMS.headers)
    cats = ["原材料/金属材料", "原材料/包装材料", "商品/饮料", "商品/日用百货", "产成品"]
    for n in range(rows):
        values = {
            "商品编码": f"B{n:06d}",
            "商品名称": f"测试商品 {n}",
            "规格型号": f"{n % 50}号",
            "分类": cats[n % len(cats)],
            "类型": "商品",
            "基本单位": "个",
            "条码": barcodes.complete_ean13(f"690{n:09d}"),
            "税率": 13,
            "计价方法": "先进先出" if n % 10 == 0 else None,
            "批次管理": "是" if n % 7 == 0 else "否",
            "保质期天数": 365 if n % 7 == 0 else None,
            "安全库存": 10,
            "最高库存": "100",
            "采购价": 1.25 + n % 100,
            "销售价": f"{2 + n % 100}.50",
            "辅助单位": "箱",
            "换算率": 24,
            "辅助单位条码": barcodes.complete_ean13(f"691{n:09d}"),
        }
        ws.append([values.get(h) for h in ITEMS.headers])
    wb.save(path)


def run_cli(db: Path, sheet: Path) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of `jxc import items` in a child process."""
    jxc = [sys.executable, "-m", "jxc_desktop.cli"]
    subprocess.run(
        jxc + ["--db", str(db), "init", "--start-period", "2026-01"], check=True, cwd=ROOT
    )
    start = time.perf_counter()
    done = subprocess.run(jxc + ["--db", str(db), "import", "items", str(sheet)], cwd=ROOT)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit("import failed")
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, peak_kb / 1024


def raw_sqlite(db: Path, rows: int) -> float:
    """The same item rows straight into an empty copy of the item table."""
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE raw_item AS SELECT * FROM item WHERE 0")
    cols = [r[1] for r in con.execute("PRAGMA table_info(raw_item)") if r[1] != "id"]
    template = con.execute(f"SELECT {', '.join(cols)} FROM item LIMIT 1").fetchone()
    code_at = cols.index("code")
    data = []
    for n in range(rows):
        row = list(template)
        row[code_at] = f"R{n:06d}"
        data.append(row)
    start = time.perf_counter()
    with con:
        con.executemany(
            f"INSERT INTO raw_item ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})", data
        )
    seconds = time.perf_counter() - start
    con.close()
    return seconds


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
    work = Path(tempfile.mkdtemp())
    sheet = work / "items.xlsx"
    start = time.perf_counter()
    make_sheet(sheet, rows)
    print(
        f"generated {rows} rows in {time.perf_counter() - start:.1f} s ({sheet.stat().st_size // 1024} KB)"
    )
    seconds, peak = run_cli(work / "bench.sqlite", sheet)
    print(
        f"jxc import items: {seconds:.1f} s, {rows / seconds:,.0f} rows/s, peak RSS {peak:.0f} MB"
    )
    raw = raw_sqlite(work / "bench.sqlite", rows)
    print(f"raw sqlite3 executemany of the item rows: {raw:.2f} s ({rows / raw:,.0f} rows/s)")
    print(f"ratio (full validated import / raw insert): {seconds / raw:.0f}x")


if __name__ == "__main__":
    main()
