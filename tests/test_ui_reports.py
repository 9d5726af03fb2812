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
    names = [page.nav.item(i).data(NAME_ROLE) for i in range(page.nav.count())]
    assert set(names) - {None} == set(load_all())
    headings = [page.nav.item(i).text() for i, n in enumerate(names) if n is None]
    assert headings[:3] == ["库存", "购销与往来", "财务"]
    row = next(
        i for i in range(page.nav.count()) if page.nav.item(i).data(NAME_ROLE) == "stock-balance"
    )
    page.nav.setCurrentRow(row)
    view = page.views["stock-balance"]
    view.run()
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=10000)
    assert view.model.data(view.model.index(0, 0), Qt.ItemDataRole.DisplayRole) == "A"
    ops.shutdown()


def test_every_report_runs_from_the_tab_on_the_demo_company(demo_company, qtbot, monkeypatch):
    """Each report shows the filters it reads and runs without an error on real data."""
    from jxc_desktop.engine.reports.filters import filters_of
    from jxc_desktop.models.masterdata import Item, Partner
    from jxc_desktop.ui import ops as ops_module

    errors = []
    monkeypatch.setattr(ops_module, "report_error", lambda _parent, exc: errors.append(exc))
    customer = Partner.select().where(Partner.kind == "customer").order_by(Partner.id).first()
    item = Item.select().order_by(Item.code).first()
    ops = Ops()
    page = ReportsPage(ops)
    qtbot.addWidget(page)
    try:
        ran = {}
        for i in range(page.nav.count()):
            name = page.nav.item(i).data(NAME_ROLE)
            if name is None:  # a module heading
                continue
            page.nav.setCurrentRow(i)
            view = page.views[name]
            spec = filters_of(name)
            assert view.partner.isVisibleTo(view) == ("partner" in spec.keys), name
            assert view.item.isVisibleTo(view) == ("item" in spec.keys), name
            if name == "statement":
                assert view.run() is None  # no partner yet: a hint, not an error
                assert view.hint.isVisibleTo(view) and "往来单位" in view.hint.text()
                view.partner.setText(customer.code)
            if name in {"bom-cost", "quote-comparison", "mrp-record", "serial-trace"}:
                view.item.setText(item.code)
            view.run()
            qtbot.waitUntil(lambda: not ops.busy(), timeout=30000)
            assert errors == [], (name, [getattr(e, "message", e) for e in errors])
            ran[name] = view.model.rowCount()
        assert ran["statement"] > 0 and ran["trial-balance"] > 0 and ran["sales-summary"] > 0
        view = page.views["sales-summary"]
        view.options["group"].setCurrentIndex(view.options["group"].findData("item"))
        view.run()
        qtbot.waitUntil(lambda: not ops.busy(), timeout=30000)
        assert view.params.extra == {"group": "item"}
        assert view.model.rows[0]["key"] in {i.code for i in Item.select()}
    finally:
        ops.shutdown()


def test_the_report_list_keeps_its_width_after_a_wide_report(company, qtbot):
    """A report with a long filter row once squeezed the list to 80 px for the session."""
    ops = Ops()
    page = ReportsPage(ops)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    qtbot.waitExposed(page)
    width = page.nav.width()
    names = [page.nav.item(i).data(NAME_ROLE) for i in range(page.nav.count())]
    for name in [n for n in names if n]:
        page.show_report(name)
    page.resize(900, 700)
    qtbot.wait(10)
    assert page.nav.width() == width >= 170
    longest = max(
        page.nav.fontMetrics().horizontalAdvance(page.nav.item(i).text())
        for i in range(page.nav.count())
    )
    assert width >= min(longest, 260)
    ops.shutdown()


def test_a_report_shown_from_elsewhere_is_the_one_chosen_in_the_list(qtbot, company, tmp_path):
    from ui_helpers import make_window

    window = make_window(qtbot, company, tmp_path)
    window.select_tab("reports")
    page = window.pages["reports"]
    page.show_report("stock-ledger")  # as the 首页 links and drill-downs do
    assert page.nav.currentItem().toolTip() == "stock-ledger"
    assert page.stack.currentWidget() is page.views["stock-ledger"]
