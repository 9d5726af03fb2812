"""产能负荷 tab: the calendar editor and the 有限产能排程 page on the textbook shop."""

import datetime as dt
from decimal import Decimal

from capacity_helpers import MON, build_shop
from PySide6.QtCore import QDate
from ui_helpers import make_window

from jxc_desktop.models.production import CentreDay, CentreShift, WorkOrderSchedule
from jxc_desktop.ui.production.capacity_schedule_tab import LATE

D = dt.date


def _capacity(qtbot, company, tmp_path):
    window = make_window(qtbot, company, tmp_path)
    page = window.pages["production"]
    window.select_tab("production")
    page.tabs.setCurrentWidget(page.capacity)
    return window, page.capacity


def test_schedule_shows_late_orders_grid_and_applies(qtbot, company, tmp_path):
    numbers = build_shop()
    window, tab = _capacity(qtbot, company, tmp_path)
    view = tab.schedule
    tab.pages.setCurrentWidget(view)
    view.date_from.setDate(QDate(2026, 1, 5))
    assert not view.apply_button.isEnabled()
    view.run()
    qtbot.waitUntil(lambda: view.orders.rowCount() == 3, timeout=10000)
    rows = view.orders.rows
    assert [r["number"] for r in rows] == numbers
    assert [(r["start"], r["finish"]) for r in rows][2] == (D(2026, 1, 7), D(2026, 1, 13))
    assert view.orders.item(2, 9).text() == "1 天"
    assert view.orders.item(0, 9).text() == "按期"
    assert view.orders.item(2, 0).foreground().color() == LATE
    assert view.orders.item(0, 0).foreground().color() != LATE
    assert view.orders.item(0, 3).text() == "已下达"  # status in words, no codes
    assert view.summary.text() == "共 3 张未完工生产订单，延误 1 张"
    # the grid: centres down, 01-05 .. 01-13 across
    assert (view.grid.rowCount(), view.grid.columnCount()) == (2, 9)
    assert view.grid.verticalHeaderItem(0).text() == "A 下料"
    assert view.grid.horizontalHeaderItem(0).text() == "01-05\n周一"
    assert view.grid.item(0, 1).text() == "8 / 8"
    assert view.grid.item(0, 3).text() == "休"  # the holiday
    assert view.grid.item(1, 8).text() == "10 / 16"  # B after the shift change
    assert numbers[2] in view.grid.item(1, 8).toolTip()

    assert view.orders.item(1, 10).text() == ""  # nothing stored yet
    assert view.apply_button.isEnabled()
    view.apply_button.click()
    qtbot.waitUntil(lambda: not window.ops.busy(), timeout=10000)
    assert WorkOrderSchedule.select().count() == 3
    assert view.orders.item(1, 10).text() == "01-06 → 01-07"
    assert "已应用" in view.summary.text()
    assert not view.apply_button.isEnabled()
    window.ops.shutdown()


def test_calendar_editor(qtbot, company, tmp_path):
    build_shop()
    window, tab = _capacity(qtbot, company, tmp_path)
    cal = tab.calendar
    tab.pages.setCurrentWidget(cal)
    assert cal.centre.count() == 2
    assert cal.week.currentData() == "mon_fri"
    cal.centre.setCurrentIndex(cal.centre.findData("B"))
    assert cal.shifts.rowCount() == 1
    assert cal.shifts.item(0, 1).text() == "周一至周五"
    assert cal.shifts.item(0, 4).text() == "16"
    assert [cal.days.item(0, c).text() for c in (0, 1, 3)] == ["2026-01-08", "停工", "全部"]

    # Saturday overtime for B only, and a new single shift of 7.5 h from February
    cal.day_date.setDate(QDate(2026, 1, 10))
    cal.day_kind.setCurrentIndex(cal.day_kind.findData("overtime"))
    cal.day_hours.setText("4")
    assert cal.save_day()
    assert cal.days.rowCount() == 2
    assert cal.days.item(1, 1).text() == "加班" and cal.days.item(1, 3).text() == "B"
    cal.shift_from.setDate(QDate(2026, 2, 2))
    cal.shift_count.setValue(1)
    cal.shift_hours.setText("7.5")
    assert [c.isChecked() for c in cal.day_checks] == [True] * 5 + [False] * 2  # Mon-Fri
    assert cal.save_shift()
    assert cal.shifts.rowCount() == 2
    assert CentreShift.get(CentreShift.shift_hours == Decimal("7.5")).weekdays == "12345"

    cal.shifts.selectRow(1)
    cal.remove_shift()
    assert cal.shifts.rowCount() == 1
    cal.days.selectRow(1)
    cal.remove_day()
    assert CentreDay.select().count() == 1

    cal.week.setCurrentIndex(cal.week.findData("mon_sat"))
    cal.save_week()
    from jxc_desktop.engine import settings

    assert settings.get("work_week") == "mon_sat"
    assert MON.isoweekday() == 1
    window.ops.shutdown()


def test_calendar_editor_refuses_bad_input_and_writes_nothing(
    qtbot, company, tmp_path, monkeypatch
):
    from jxc_desktop.engine.errors import ValidationError
    from jxc_desktop.ui import ops as ops_module

    errors = []
    monkeypatch.setattr(ops_module, "report_error", lambda _parent, exc: errors.append(exc))
    build_shop()
    window, tab = _capacity(qtbot, company, tmp_path)
    cal = tab.calendar
    tab.pages.setCurrentWidget(cal)
    cal.shift_count.setValue(3)
    cal.shift_hours.setText("9")  # 27 h a day
    assert not cal.save_shift()
    cal.day_kind.setCurrentIndex(cal.day_kind.findData("overtime"))
    cal.day_hours.setText("abc")
    assert not cal.save_day()
    assert [type(e) for e in errors] == [ValidationError, ValidationError]
    assert "24" in str(errors[0])
    assert CentreShift.select().count() == 1 and CentreDay.select().count() == 1
    window.ops.shutdown()
