"""The 报表 tab lists every registered report and runs one."""

from inventory_helpers import day, doc, make_item, make_warehouse
from PySide6.QtCore import Qt

from jxc_desktop.engine.reports import load_all
from jxc_desktop.ui.ops import Ops
from jxc_desktop.ui.reports_page import NAME_ROLE, ReportsPage


def test_reports_tab_runs_a_report(company, qtbot):
    make_warehouse("W1")
    make_item("A")
    doc("QTRK", day(1), [("A", 3, "2.50")])
    ops = Ops()
    page = ReportsPage(ops)
    qtbot.addWidget(page)
    names = {page.nav.item(i).data(NAME_ROLE) for i in range(page.nav.count())}
    assert names == set(load_all())
    row = next(
        i for i in range(page.nav.count()) if page.nav.item(i).data(NAME_ROLE) == "stock-balance"
    )
    page.nav.setCurrentRow(row)
    view = page.views["stock-balance"]
    view.run()
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=10000)
    assert view.model.data(view.model.index(0, 0), Qt.ItemDataRole.DisplayRole) == "A"
    ops.shutdown()
