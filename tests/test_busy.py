"""A second writer waits for the busy timeout, then gets a clear message and writes nothing."""

import os
import subprocess
import sys
import time

from inventory_helpers import make_item, make_warehouse
from openpyxl import Workbook

from jxc_desktop.engine.session import close_company

# Another PC's writer: the engine's own write lock (SQLite's IMMEDIATE transaction, or
# PostgreSQL's advisory lock), held for a while.
HOLD = """
import sys, time
from jxc_desktop.engine.session import open_company
from jxc_desktop.models.db import write_transaction
open_company(sys.argv[1])
with write_transaction():
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def test_second_writer_gets_database_busy(company, tmp_path):
    make_warehouse("W1")
    make_item("A")
    close_company()
    sheet = tmp_path / "d.xlsx"
    wb = Workbook()
    wb.active.append(["单据类型", "单据编号", "日期", "仓库", "商品编码", "数量", "单价"])
    wb.active.append(["QTRK", "X-1", "2026-01-02", "W1", "A", 1, 1])
    wb.save(sheet)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(company), "6"], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout.readline().strip() == "locked"
    env = dict(os.environ, JXC_BUSY_TIMEOUT="1")
    start = time.monotonic()
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "jxc_desktop.cli",
            "--db",
            str(company),
            "--lang",
            "en",
            "import",
            "documents",
            str(sheet),
            "--approve",
        ],
        capture_output=True,
        text=True,
        env=env,
    )
    waited = time.monotonic() - start
    holder.wait()
    assert out.returncode != 0 and "busy" in out.stderr.lower()
    assert waited >= 1
    check = subprocess.run(
        [sys.executable, "-m", "jxc_desktop.cli", "--db", str(company), "doc", "list"],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0 and "X-1" not in check.stdout
