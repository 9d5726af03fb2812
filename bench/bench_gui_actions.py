"""GUI responsiveness on the demo company, offscreen: click → result of everyday actions.

    .venv/bin/python bench/bench_gui_actions.py [ROUNDS]

Builds `jxc init --demo` in a temp dir, opens the main window, visits 销售, 采购, 财务 and
库存 (their lists then listen for changes), and prints per round:
- changed_ms: GUI-thread time of one `ops.changed` (every listening view's refresh);
- approve: 保存并审核 on a new 其他入库 of 1-3 scanned lines, click → the "已审核" box;
- report: 库存查询 查询 right after a save, click → rows shown;
- drill: 库存查询 row → 出入库明细, right after a save, until its rows are shown.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from jxc_desktop.ui import app as appmod  # noqa: E402
from jxc_desktop.ui import messages  # noqa: E402

CODES = ["040069", "040072", "040075"]  # demo goods, neither batch nor serial managed


def wait_for(condition, limit: float = 30.0) -> float:
    start = time.perf_counter()
    while not condition() and time.perf_counter() - start < limit:
        QTest.qWait(5)
    return time.perf_counter() - start


def open_window(folder: Path):
    db = folder / "demo.sqlite"
    cli = [sys.executable, "-m", "jxc_desktop.cli", "--db", str(db), "init", "--demo"]
    subprocess.run(cli, check=True, capture_output=True)
    app = QApplication.instance() or QApplication(["jxc"])
    appmod.apply_language("zh_CN")
    assert appmod.open_or_setup(str(db))
    from jxc_desktop.ui.main_window import MainWindow

    settings = QSettings(str(folder / "ui.ini"), QSettings.Format.IniFormat)
    window = MainWindow(str(db), settings)
    window.resize(1500, 940)
    window.show()
    for key in ("sales", "purchase", "finance", "inventory"):
        window.select_tab(key)
        QTest.qWait(100)
    wait_for(lambda: not window.ops.busy())
    return app, window


def approve_once(window, lines: int) -> float:
    page = window.pages["inventory"]
    page.select_key("QTRK").buttons["new"].click()
    form = page.dialog
    scan = form.findChild(QWidget, "scanField")
    for code in CODES[:lines]:
        QTest.keyClicks(scan, code)
        QTest.keyClick(scan, Qt.Key.Key_Return)
    shown = len(messages.shown)
    start = time.perf_counter()
    form.buttons["approve"].click()
    wait_for(lambda: len(messages.shown) > shown)
    took = time.perf_counter() - start
    wait_for(lambda: not window.ops.busy())
    for box in list(messages.shown):
        box.done(0)
    form.reject()
    return took


def changed_ms(window) -> float:
    start = time.perf_counter()
    window.ops.changed.emit("documents")
    took = (time.perf_counter() - start) * 1000
    wait_for(lambda: not window.ops.busy())
    return took


def report_after_save(window) -> tuple[float, float]:
    page = window.pages["inventory"]
    window.ops.changed.emit("documents")
    balance = page.select_key("balance")
    balance.count.setText("")
    balance.findChild(QWidget, "btn_run").click()
    report = wait_for(lambda: bool(balance.count.text()))
    wait_for(lambda: not window.ops.busy())
    window.ops.changed.emit("documents")
    ledger = page.view("ledger")
    ledger.count.setText("")
    page.drill("balance", balance.model.rows[0])
    drill = wait_for(lambda: bool(ledger.count.text()))
    wait_for(lambda: not window.ops.busy())
    return report, drill


def main(rounds: int = 4) -> None:
    with tempfile.TemporaryDirectory(prefix="jxc_gui_bench_") as tmp:
        _app, window = open_window(Path(tmp))
        found: dict[str, list[float]] = {"changed_ms": [], "approve": [], "report": [], "drill": []}
        for n in range(rounds):
            found["changed_ms"].append(changed_ms(window))
            found["approve"].append(approve_once(window, 1 + n % 3))
            report, drill = report_after_save(window)
            found["report"].append(report)
            found["drill"].append(drill)
        for key, values in found.items():
            print(
                f"{key:11s} min {min(values):.3f}  median {statistics.median(values):.3f}"
                f"  max {max(values):.3f}  ({len(values)} rounds)"
            )
        window.close()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 4)
    os._exit(0)  # no Qt teardown noise after the figures
