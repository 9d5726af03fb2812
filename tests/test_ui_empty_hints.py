"""Empty panes say what to do: the grey hint shows while the table is empty and hides
once it has rows (账簿报表, 月末结账, 对账, 往来 对账单, 物料清单, 产能负荷)."""

from __future__ import annotations

from capacity_helpers import MON, build_shop
from inventory_helpers import day, doc, make_item, make_warehouse
from production_helpers import bom, item
from trade_helpers import customer

from jxc_desktop.engine.i18n import set_language
from jxc_desktop.ui.empty_hint import EmptyHint
from jxc_desktop.ui.finance import FinancePage
from jxc_desktop.ui.ops import Ops
from jxc_desktop.ui.production.capacity_tab import CapacityTab
from jxc_desktop.ui.production.page import BomTab
from jxc_desktop.ui.trade.partner_view import PartnerView


def shown(hint: EmptyHint) -> bool:
    return not hint.isHidden()


def test_books_hint_before_a_query_and_after_one_that_found_nothing(qtbot, company):
    page = FinancePage(Ops())
    qtbot.addWidget(page)
    books = page.books
    assert shown(books.hint) and "点击“查询”" in books.hint.text()
    books.period.setText("2026-01")
    books.choice.setCurrentIndex(books.choice.findData("vouchers"))
    books.refresh()  # 凭证 of a month with none: still empty, and it says so
    assert books.table.rowCount() == 0
    assert shown(books.hint) and "2026-01 没有数据" in books.hint.text()
    books.choice.setCurrentIndex(books.choice.findData("balance-sheet"))
    books.refresh()  # the statement always has its lines
    assert books.table.rowCount() > 0 and not shown(books.hint)


def test_close_hint_until_the_close_says_something(qtbot, company):
    make_warehouse("W1")
    make_item("A")
    doc("QTRK", day(5), [("A", 2, "3")])
    page = FinancePage(Ops())
    qtbot.addWidget(page)
    view = page.closing
    assert shown(view.hint) and "结账" in view.hint.text()
    view.period.setText("2026-01")
    from jxc_desktop.engine.finance import closing

    view._run(closing.close)  # done or refused: either way it says so
    assert view.output.toPlainText() and not shown(view.hint)


def test_reconcile_hint_until_reconciled(qtbot, company):
    make_warehouse("W1")
    make_item("A")
    doc("QTRK", day(5), [("A", 2, "3")])
    page = FinancePage(Ops())
    qtbot.addWidget(page)
    view = page.reconcile
    assert shown(view.hint) and "“对账”" in view.hint.text()
    view.refresh()
    assert view.table.rowCount() > 0 and not shown(view.hint)
    view.only_differences.setChecked(True)
    view.refresh()  # the ledgers agree: no rows, and the hint says why
    assert view.table.rowCount() == 0
    assert shown(view.hint) and "没有差异" in view.hint.text()


def test_partner_statement_hint_until_there_is_a_partner(qtbot, company):
    view = PartnerView(Ops(), "sales")
    qtbot.addWidget(view)
    assert shown(view.hint) and "还没有客户" in view.hint.text()
    customer("C1")
    view.refresh()  # chosen at once: its statement starts with the 期初 row
    assert view.table.rowCount() > 0 and not shown(view.hint)
    supplier_side = PartnerView(Ops(), "purchase")
    qtbot.addWidget(supplier_side)
    assert shown(supplier_side.hint) and "还没有供应商" in supplier_side.hint.text()


def test_bom_hint_no_bom_yet_then_pick_one(qtbot, company):
    tab = BomTab(Ops())
    qtbot.addWidget(tab)
    tab.refresh_list()
    assert shown(tab.hint) and "还没有物料清单" in tab.hint.text()
    item("FG", "make")
    item("RM1")
    bom("FG", ("RM1", 2))
    tab.refresh_list()
    assert shown(tab.hint) and "在左侧选一个物料清单" in tab.hint.text()
    tab.boms.selectRow(0)
    assert tab.tree.topLevelItemCount() > 0 and not shown(tab.hint)


def test_capacity_hint_before_and_after_calculating(qtbot, company):
    build_shop()
    tab = CapacityTab(Ops())
    qtbot.addWidget(tab)
    assert shown(tab.hint) and "计算负荷" in tab.hint.text()
    tab.show_rows([])
    assert shown(tab.hint) and "没有工序负荷" in tab.hint.text()
    from jxc_desktop.engine.reports import ReportParams
    from jxc_desktop.engine.reports.production_capacity import capacity_rows

    rows = capacity_rows(ReportParams(date_from=MON, date_to=day(20), extra={"planned": "no"}))
    tab.show_rows(rows)
    assert tab.table.rowCount() > 0 and not shown(tab.hint)


def test_hints_in_english(qtbot, company):
    set_language("en")
    try:
        page = FinancePage(Ops())
        qtbot.addWidget(page)
        assert page.books.hint.text().startswith("Choose a report and a period")
        assert page.reconcile.hint.text().startswith("Choose the as-of date")
        tab = BomTab(Ops())
        qtbot.addWidget(tab)
        tab.refresh_list()
        assert tab.hint.text().startswith("No BOMs yet")
    finally:
        set_language("zh_CN")
