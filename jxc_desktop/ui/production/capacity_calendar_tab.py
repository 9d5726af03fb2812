"""工作日历 page of 产能负荷: a work centre's 班次 from a date on, and its dated
exceptions (停工 holidays, 加班 overtime), plus the company's working week.

Every change is one engine call (capacity_calendar.py) run through Ops on the GUI
thread: they are single small writes.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from jxc_desktop.engine.i18n import tr
from jxc_desktop.ui.buttons import button, row_box
from jxc_desktop.ui.ops import Ops
from jxc_desktop.ui.production.widgets import RowsTable

WEEKS = (
    ("all", ("每天", "Every day")),
    ("mon_sat", ("周一至周六", "Mon–Sat")),
    ("mon_fri", ("周一至周五", "Mon–Fri")),
)
DAY_NAMES = ("一", "二", "三", "四", "五", "六", "日")
DAY_NAMES_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def date_edit(day: dt.date) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


class CalendarTab(QWidget):
    """Pick a centre; edit its shift patterns and exceptions; set the company week."""

    def __init__(self, ops: Ops, parent=None):
        super().__init__(parent)
        self.ops = ops
        self.centre = QComboBox()
        self.centre.setObjectName("calendarCentre")
        self.centre.currentIndexChanged.connect(self.show_calendar)
        self.week = QComboBox()
        self.week.setObjectName("calendarWeek")
        for key, (zh, en) in WEEKS:
            self.week.addItem(tr(zh, en), key)
        self.week.activated.connect(self.save_week)
        self.info = QLabel()
        self.info.setObjectName("calendarInfo")
        layout = QVBoxLayout(self)
        layout.addLayout(
            row_box(
                QLabel(tr("工作中心", "Work centre")),
                self.centre,
                QLabel(tr("公司默认工作日", "Company working week")),
                self.week,
            )
        )
        layout.addWidget(self.info)
        panes = QHBoxLayout()
        panes.addWidget(self._shift_box(), 1)
        panes.addWidget(self._day_box(), 1)
        layout.addLayout(panes, 1)
        self._loaded = False
        # centres or the week may change elsewhere: read them again when next shown
        ops.changed.connect(self._mark_stale)

    def _mark_stale(self, _what: str) -> None:
        self._loaded = False

    # ------------------------------------------------------------ building
    def _shift_box(self) -> QGroupBox:
        box = QGroupBox(tr("班次（自生效日期起）", "Shifts (from a date on)"))
        self.shifts = RowsTable(
            [
                ("effective_from", tr("生效日期", "From")),
                ("weekdays_label", tr("工作日", "Weekdays")),
                ("shifts", tr("班次", "Shifts"), "int"),
                ("shift_hours", tr("每班小时", "Hours a shift"), "qty"),
                ("hours", tr("每天小时", "Hours a day"), "qty"),
            ]
        )
        self.shifts.setObjectName("calendarShifts")
        self.shift_from = date_edit(dt.date.today())
        self.day_checks = []
        days = QHBoxLayout()
        for i, (zh, en) in enumerate(zip(DAY_NAMES, DAY_NAMES_EN, strict=True)):
            check = QCheckBox(tr(zh, en))
            check.setChecked(i < 6)
            self.day_checks.append(check)
            days.addWidget(check)
        self.shift_count = QSpinBox()
        self.shift_count.setRange(0, 4)
        self.shift_count.setValue(1)
        self.shift_hours = QLineEdit("8")
        form = QFormLayout()
        form.addRow(tr("生效日期", "From"), self.shift_from)
        form.addRow(tr("工作日", "Weekdays"), days)
        form.addRow(tr("每天班次", "Shifts a day"), self.shift_count)
        form.addRow(tr("每班小时", "Hours a shift"), self.shift_hours)
        inner = QVBoxLayout(box)
        inner.addWidget(self.shifts, 1)
        inner.addLayout(form)
        inner.addLayout(
            row_box(
                button(tr("保存班次", "Save shifts"), self.save_shift, "calendarSaveShift"),
                button(tr("删除所选", "Delete selected"), self.remove_shift, "calendarDelShift"),
            )
        )
        return box

    def _day_box(self) -> QGroupBox:
        box = QGroupBox(tr("例外日期（停工 / 加班）", "Exceptions (closed / overtime)"))
        self.days = RowsTable(
            [
                ("day", tr("日期", "Date")),
                ("kind_label", tr("类型", "Kind")),
                ("hours", tr("加班小时", "Extra hours"), "qty"),
                ("scope", tr("范围", "Applies to")),
                ("remarks", tr("备注", "Remarks")),
            ]
        )
        self.days.setObjectName("calendarDays")
        self.day_date = date_edit(dt.date.today())
        self.day_kind = QComboBox()
        self.day_kind.addItem(tr("停工（节假日）", "Closed (holiday)"), "closed")
        self.day_kind.addItem(tr("加班", "Overtime"), "overtime")
        self.day_hours = QLineEdit("0")
        self.day_all = QCheckBox(tr("适用于全部工作中心", "All work centres"))
        self.day_remarks = QLineEdit()
        form = QFormLayout()
        form.addRow(tr("日期", "Date"), self.day_date)
        form.addRow(tr("类型", "Kind"), self.day_kind)
        form.addRow(tr("加班小时", "Extra hours"), self.day_hours)
        form.addRow("", self.day_all)
        form.addRow(tr("备注", "Remarks"), self.day_remarks)
        inner = QVBoxLayout(box)
        inner.addWidget(self.days, 1)
        inner.addLayout(form)
        inner.addLayout(
            row_box(
                button(tr("保存", "Save"), self.save_day, "calendarSaveDay"),
                button(tr("删除所选", "Delete selected"), self.remove_day, "calendarDelDay"),
            )
        )
        return box

    # ------------------------------------------------------------ reading
    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if not self._loaded:
            self.reload()

    def reload(self) -> None:
        """Reads the centres and the company week again."""
        from jxc_desktop.engine import settings
        from jxc_desktop.models.production import WorkCentre

        self._loaded = True
        current = self.centre.currentData()
        self.centre.blockSignals(True)
        self.centre.clear()
        for c in WorkCentre.select().order_by(WorkCentre.code):
            self.centre.addItem(f"{c.code}  {c.name}", c.code)
        index = max(self.centre.findData(current), 0)
        self.centre.setCurrentIndex(index)
        self.centre.blockSignals(False)
        self.week.setCurrentIndex(max(self.week.findData(settings.get("work_week")), 0))
        self._check_week()
        self.show_calendar()

    def _check_week(self) -> None:
        """The weekday boxes start from the company's week."""
        from jxc_desktop.engine.production.capacity_calendar import company_week

        week = company_week()
        for i, check in enumerate(self.day_checks):
            check.setChecked(str(i + 1) in week)

    def show_calendar(self) -> None:
        from jxc_desktop.engine.production.capacity_calendar import calendar_rows

        code = self.centre.currentData()
        if not code:
            self.shifts.fill([])
            self.days.fill([])
            self.info.setText(tr("尚未设置工作中心", "No work centres yet"))
            return
        rows = calendar_rows(code)
        self.shifts.fill(rows["shifts"])
        self.days.fill(rows["days"])
        self.info.setText(self._info_text(code))

    def _info_text(self, code: str) -> str:
        from jxc_desktop.engine import money
        from jxc_desktop.engine.production.capacity_calendar import Calendar
        from jxc_desktop.models.production import WorkCentre

        centre = WorkCentre.get(WorkCentre.code == code)
        cal, today = Calendar.load(), dt.date.today()
        week = [cal.hours(centre.id, today + dt.timedelta(days=i)) for i in range(7)]
        return tr(
            "未设置班次时每天 {h} 小时；未来 7 天产能: {w} 小时",
            "Without shifts {h} h a day; the next 7 days: {w} h",
            h=money.format_qty(centre.capacity_hours),
            w=" / ".join(money.format_qty(h) for h in week),
        )

    # ------------------------------------------------------------ writing
    def _weekdays(self) -> str:
        return "".join(str(i + 1) for i, c in enumerate(self.day_checks) if c.isChecked())

    def save_week(self) -> None:
        from jxc_desktop.engine import settings

        key = self.week.currentData()
        self.ops.run(lambda: settings.set_value("work_week", key), parent=self, changed="capacity")
        self._check_week()
        self.show_calendar()

    def save_shift(self) -> bool:
        from jxc_desktop.engine.production.capacity_calendar import set_shifts

        code, start = self.centre.currentData(), self.shift_from.date().toPython()
        count, hours, days = self.shift_count.value(), self.shift_hours.text(), self._weekdays()
        ok, _r = self.ops.run(
            lambda: set_shifts(code or "", start, count, hours, days or "0"),
            parent=self,
            changed="capacity",
        )
        self.show_calendar()
        return ok

    def remove_shift(self) -> None:
        from jxc_desktop.engine.production.capacity_calendar import remove_shifts

        row, code = self.shifts.current(), self.centre.currentData()
        if row is None or not code:
            return
        self.ops.run(
            lambda: remove_shifts(code, row["effective_from"]), parent=self, changed="capacity"
        )
        self.show_calendar()

    def save_day(self) -> bool:
        from jxc_desktop.engine.production.capacity_calendar import set_day

        day, kind = self.day_date.date().toPython(), self.day_kind.currentData()
        code = "" if self.day_all.isChecked() else (self.centre.currentData() or "")
        hours, remarks = self.day_hours.text(), self.day_remarks.text()
        ok, _r = self.ops.run(
            lambda: set_day(day, kind, hours, code, remarks), parent=self, changed="capacity"
        )
        self.show_calendar()
        return ok

    def remove_day(self) -> None:
        from jxc_desktop.engine.production.capacity_calendar import remove_day

        row, code = self.days.current(), self.centre.currentData()
        if row is None or not code:
            return
        scope = code if row["scope"] == code else ""
        self.ops.run(lambda: remove_day(row["day"], scope), parent=self, changed="capacity")
        self.show_calendar()
