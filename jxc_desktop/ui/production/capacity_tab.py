"""The 产能负荷 sub-tab: three pages — 负荷 (work-centre load per day against the
calendar's capacity, overloaded days in red), 工作日历 (capacity_calendar_tab.py) and
有限产能排程 (capacity_schedule_tab.py)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from jxc_desktop.engine.i18n import tr
from jxc_desktop.ui.empty_hint import EmptyHint
from jxc_desktop.ui.ops import Ops
from jxc_desktop.ui.production.capacity_calendar_tab import CalendarTab
from jxc_desktop.ui.production.capacity_schedule_tab import ScheduleTab
from jxc_desktop.ui.production.widgets import RowsTable

OVERLOADED = QColor(255, 205, 205)


def _date_edit(day: dt.date) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def _columns():
    from jxc_desktop.engine.reports import load_all

    return [(c.key, c.label, c.kind) for c in load_all()["capacity"].columns]


class CapacityTab(QWidget):
    """Runs the capacity report off the UI thread (it includes an MRP run)."""

    def __init__(self, ops: Ops, parent=None):
        super().__init__(parent)
        self.ops = ops
        today = dt.date.today()
        self.date_from = _date_edit(today)
        self.date_to = _date_edit(today + dt.timedelta(days=55))  # 8 weeks: a few orders' worth
        self.planned = QCheckBox(tr("含 MRP 计划订单", "Include MRP planned orders"))
        self.planned.setChecked(True)
        self.table = RowsTable(_columns())
        self.table.setObjectName("capacityTable")
        self.summary = QLabel()
        self.summary.setObjectName("capacitySummary")
        self.summary.setVisible(False)  # no blank line above the hint before a run
        run = QPushButton(tr("计算负荷", "Calculate load"))
        run.setObjectName("capacityRun")
        run.clicked.connect(self.run)
        bar = QHBoxLayout()
        for w in (QLabel(tr("从", "From")), self.date_from, QLabel(tr("到", "To")), self.date_to):
            bar.addWidget(w)
        bar.addWidget(self.planned)
        bar.addWidget(run)
        bar.addStretch(1)
        load = QWidget()
        inner = QVBoxLayout(load)
        inner.addLayout(bar)
        inner.addWidget(self.summary)
        self.hint = EmptyHint(
            tr(
                "选择日期范围后点击“计算负荷”：按工作中心逐日比较负荷与产能，超负荷的天标红。",
                "Choose the dates, then press Calculate load: each work centre's load "
                "against its capacity, day by day, overloaded days in red.",
            ),
            self.table,
        )
        inner.addWidget(self.hint)
        inner.addWidget(self.table)
        self.calendar = CalendarTab(ops)
        self.schedule = ScheduleTab(ops)
        self.pages = QTabWidget()
        self.pages.setObjectName("capacityPages")
        self.pages.addTab(load, tr("负荷", "Load"))
        self.pages.addTab(self.calendar, tr("工作日历", "Calendar"))
        self.pages.addTab(self.schedule, tr("有限产能排程", "Finite schedule"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)

    def run(self) -> None:
        from jxc_desktop.engine.reports import ReportParams
        from jxc_desktop.engine.reports.production_capacity import capacity_rows

        params = ReportParams(
            date_from=self.date_from.date().toPython(),
            date_to=self.date_to.date().toPython(),
            extra={"planned": "yes" if self.planned.isChecked() else "no"},
        )
        self.ops.run_in_background(
            lambda progress, stop: capacity_rows(params),
            title=tr("产能负荷", "Work-centre load"),
            parent=self,
            on_success=self.show_rows,
        )

    def show_rows(self, rows: list[dict]) -> None:
        self.hint.set_text(
            tr(
                "这段时间没有工序负荷：有工艺路线（工序、工作中心）的生产订单才占用产能。",
                "No load in these dates: only work orders whose items have a routing "
                "(operations at work centres) use capacity.",
            )
        )
        self.table.fill(rows)
        over = [r for r in rows if r["overloaded"]]
        for r, row in enumerate(rows):
            if row["overloaded"]:
                for c in range(self.table.columnCount()):
                    self.table.item(r, c).setBackground(QBrush(OVERLOADED))
        self.summary.setText(
            tr("超负荷 {n} 天次", "{n} overloaded centre-days", n=len(over)) if rows else ""
        )
        self.summary.setVisible(bool(rows))
