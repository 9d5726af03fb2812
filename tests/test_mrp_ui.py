"""MRP in the GUI: 400,000 planned orders stay responsive; 固定周期 in the item form."""

from __future__ import annotations

import datetime as dt
import time
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from ui_helpers import make_window, type_text

from jxc_desktop.engine.production.mrp_orders import ItemPlan, PlannedOrder
from jxc_desktop.models.masterdata import Item, Unit
from jxc_desktop.ui.forms import set_combo_value
from jxc_desktop.ui.production.mrp_grid import PAST_DUE


def many_orders(n: int) -> list[PlannedOrder]:
    """n planned orders of one bought item, one a day from today (the first one late)."""
    unit = Unit.get(Unit.name == "个")
    item = Item.create(code="RM-BULK", name="散装原料", base_unit=unit, lead_time_days=1)
    item.base_unit = unit
    plan = ItemPlan()
    today = dt.date.today().toordinal()
    sizes = [10_000 * (k % 7 + 1) for k in range(n)]  # 1 to 7, in planner units
    return [
        PlannedOrder(item, "purchase", q, q, today + k - 1, today + k, plan, 0)
        for k, q in enumerate(sizes)
    ]


def test_grid_with_400000_orders_is_quick(qtbot, company, tmp_path):
    window = make_window(qtbot, company, tmp_path)
    page = window.pages["production"]
    window.select_tab("production")
    page.tabs.setCurrentWidget(page.mrp)
    grid = page.mrp.table
    orders = many_orders(400_000)
    started = time.perf_counter()
    page.mrp.show_orders(orders)
    QApplication.processEvents()
    grid.scrollToBottom()
    QApplication.processEvents()
    grid.selectRow(399_999)
    QApplication.processEvents()
    took = time.perf_counter() - started
    print(f"400,000 orders: shown, scrolled to the end and selected in {took:.3f} s")
    assert took < 3, f"{took:.2f} s to show, scroll to the end and select"
    assert grid.rowCount() == 400_000
    # only what was painted is formatted; the last row as the clerk sees it
    assert len(grid.orders_model._cache) < 1000
    last = grid.item(399_999, 3)
    assert last.text() == "6" and last.textAlignment() & Qt.AlignmentFlag.AlignRight
    assert grid.item(399_999, 0).text() == "RM-BULK" and grid.item(399_999, 1).text() == "散装原料"
    assert grid.item(399_999, 2).text() == "采购"
    # the first order's release date (yesterday) has passed: red, with the reason
    first = grid.item(0, 0)
    assert first.foreground().color() == PAST_DUE and "已过" in first.toolTip()
    assert grid.item(1, 0).toolTip() == ""
    # selecting everything is one range, read without 400,000 index objects
    started = time.perf_counter()
    grid.selectAll()
    assert len(grid.selected_orders()) == 400_000
    assert time.perf_counter() - started < 2
    # the filter: by code or name, any case; the count says how many of how many
    assert page.mrp.count.text() == "计划订单 400,000 条"
    started = time.perf_counter()
    page.mrp.search.setText("无此商品")
    assert grid.rowCount() == 0 and page.mrp.count.text() == "计划订单 0 / 400,000 条"
    page.mrp.search.setText("rm-bulk")
    assert grid.rowCount() == 400_000
    page.mrp.search.setText("散装")
    assert grid.rowCount() == 400_000
    assert time.perf_counter() - started < 2
    # a click on a header sorts all of them; the sort stays through the filter
    started = time.perf_counter()
    grid.sortByColumn(8, Qt.SortOrder.DescendingOrder)  # 下达日期, latest first
    assert grid.item(0, 8).text() == orders[-1].release_date.isoformat()
    grid.sortByColumn(3, Qt.SortOrder.AscendingOrder)  # 需求数量
    assert [grid.item(r, 3).text() for r in (0, 399_999)] == ["1", "7"]
    page.mrp.search.setText("")
    assert grid.item(0, 3).text() == "1" and grid.rowCount() == 400_000
    assert time.perf_counter() - started < 3
    window.ops.shutdown()


def test_item_form_period_lot_rule(qtbot, company, tmp_path):
    window = make_window(qtbot, company, tmp_path)
    window.select_tab("masterdata")
    page = window.pages["masterdata"]
    page.select_key("items")
    page.buttons["new"].click()
    dialog = page.dialog
    qtbot.keyClicks(dialog.fields["code"], "WK1")
    type_text(dialog.fields["name"], "周批物料")
    dialog.fields["base_unit"].setCurrentText("个")
    rule = dialog.fields["lot_rule"]
    assert rule.itemText(rule.findData("period")) == "固定周期"
    set_combo_value(rule, "period")
    assert not dialog.save()  # the period's days are required
    assert dialog.problem_fields() == ["lot_period_days"]
    assert "批量周期天数" in dialog.errors["lot_period_days"].text()
    dialog.fields["lot_period_days"].setText("7")
    assert dialog.save(), dialog.banner.text()
    saved = Item.get(Item.code == "WK1")
    assert (saved.lot_rule, saved.lot_period_days) == ("period", 7)
    page.list.select_row(0)
    again = page.edit_record()
    assert again.fields["lot_period_days"].text() == "7"
    assert again.fields["lot_rule"].currentData() == "period"
    assert saved.lot_size == Decimal(0)
    window.ops.shutdown()
