"""QA fixes on the 生产 and 财务 tabs: warnings confirmed before zero-cost receipts and
before closing, 领料 with nothing left to issue refused up front."""

import datetime as dt
from decimal import Decimal

import pytest
from inventory_helpers import make_warehouse
from production_helpers import bom, fg_work_order, item
from PySide6.QtWidgets import QPushButton
from ui_helpers import make_window

from jxc_desktop.models.documents import Document
from jxc_desktop.ui import messages


@pytest.fixture
def production(qtbot, company, tmp_path):
    number = fg_work_order()
    window = make_window(qtbot, company, tmp_path)
    page = window.pages["production"]
    window.select_tab("production")
    page.tabs.setCurrentWidget(page.orders)
    qtbot.waitUntil(lambda: page.orders.table.rowCount() == 1, timeout=5000)
    yield window, page.orders, number
    window.ops.shutdown()


def _open(tab, name):
    tab.table.selectRow(0)
    qtbot_click = tab.findChild(QPushButton, name)
    qtbot_click.click()
    return tab.dialog


def test_receive_without_material_asks_first(production):
    _window, tab, number = production
    dialog = _open(tab, "woReceive")
    dialog.qty.setText("5")
    dialog.warehouse.setCurrentIndex(dialog.warehouse.findData("W1"))
    assert not dialog.submit()  # a question, nothing written yet
    question = messages.shown[-1]
    assert "尚未领料" in question.text() and number in question.text()
    assert not Document.select().where(Document.doc_type == "CPRK").exists()
    question.accept()
    assert Document.get(Document.doc_type == "CPRK").status == "approved"
    assert dialog.number is not None


def test_issue_with_nothing_left_has_ok_disabled(production, qtbot):
    _window, tab, _number = production
    dialog = _open(tab, "woIssue")
    assert "RM1  商品RM1  20" in dialog.plan.text()  # the item's name beside its code
    dialog.warehouse.setCurrentIndex(dialog.warehouse.findData("W1"))
    assert dialog.ok_button.isEnabled() and dialog.submit()
    dialog = _open(tab, "woIssue")
    assert "已领齐" in dialog.plan.text()
    assert not dialog.ok_button.isEnabled() and "已领齐" in dialog.ok_button.toolTip()
    before = len(messages.shown)
    assert not dialog.submit() and len(messages.shown) == before  # no error box
    assert Document.select().where(Document.doc_type == "SCLL").count() == 1


def test_close_lists_warnings_and_closes_only_when_confirmed(production, qtbot):
    from jxc_desktop.engine.production import floor
    from jxc_desktop.models.company import Period

    window, _tab, number = production
    floor.receive_finished(number, "5", "W1", dt.date(2026, 1, 8))  # no material: zero cost
    page = window.pages["finance"]
    window.select_tab("finance")
    page.closing.period.setText("2026-01")
    page.closing.close_button.click()
    question = messages.shown[-1]
    assert "成本为 0" in question.text() and "仍要结账" in question.text()
    assert not Period.get(Period.code == "2026-01").closed
    question.reject()
    assert not Period.get(Period.code == "2026-01").closed
    page.closing.close_button.click()
    messages.shown[-1].accept()
    assert Period.get(Period.code == "2026-01").closed
    assert "已结账" in page.closing.output.toPlainText()


def test_bom_tab_lists_the_boms_to_pick_from(qtbot, company, tmp_path):
    make_warehouse("W1")
    item("FG", "make")
    item("SUB", "make")
    item("RM1")
    bom("FG", ("SUB", 1), ("RM1", 2))
    bom("SUB", ("RM1", 3))
    bom("FG", ("RM1", 5), version="2", effective=dt.date(2026, 3, 1))
    window = make_window(qtbot, company, tmp_path)
    page = window.pages["production"]
    window.select_tab("production")
    page.tabs.setCurrentWidget(page.bom)
    listed = page.bom.boms
    qtbot.waitUntil(lambda: listed.rowCount() == 3, timeout=5000)
    shown = [[listed.item(r, c).text() for c in range(4)] for r in range(3)]
    assert shown == [
        ["FG", "商品FG", "1", "始终"],
        ["FG", "商品FG", "2", "2026-03-01"],
        ["SUB", "商品SUB", "1", "始终"],
    ]
    listed.selectRow(2)
    assert page.bom.item.text() == "SUB" and page.bom.version.text() == "1"
    assert [r[0] for r in page.bom.lines.rows()] == ["RM1"]
    assert page.bom.tree.topLevelItem(0).text(0) == "RM1"
    window.ops.shutdown()


def test_cost_tab_shows_unit_costs_without_noise(qtbot, company, tmp_path):
    from jxc_desktop.engine.production import floor
    from jxc_desktop.engine.production.costing_run import run_cost

    number = fg_work_order(qty="3", per=1, stock=10, cost="3.333334")
    floor.issue_materials(number, "W1", dt.date(2026, 1, 6))
    floor.receive_finished(number, "3", "W1", dt.date(2026, 1, 8))
    run_cost("2026-01")
    window = make_window(qtbot, company, tmp_path)
    page = window.pages["production"]
    window.select_tab("production")
    page.tabs.setCurrentWidget(page.cost)
    page.cost.period.setText("2026-01")
    page.cost.show_costs()
    jobs = page.cost.jobs
    [row] = jobs.rows
    assert row["unit_cost"] == Decimal("3.333333")  # the data keeps its 6 places
    assert jobs.item(0, jobs.keys.index("unit_cost_shown")).text() == "3.3333"
    assert jobs.item(0, jobs.keys.index("item_name")).text() == "商品FG"
    window.ops.shutdown()
