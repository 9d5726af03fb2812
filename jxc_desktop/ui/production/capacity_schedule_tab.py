"""有限产能排程 page of 产能负荷: the open work orders with their proposed start and
finish (late ones in red), a per-day load grid (work centres × days: scheduled /
capacity hours), and 应用排程, which stores the proposed dates.

Levelling reads every open order and routing, so it runs off the UI thread.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jxc_desktop.engine import money
from jxc_desktop.engine.i18n import tr
from jxc_desktop.ui.buttons import button, row_box
from jxc_desktop.ui.ops import Ops
from jxc_desktop.ui.production.capacity_calendar_tab import date_edit
from jxc_desktop.ui.production.widgets import RowsTable

LATE = QColor(200, 0, 0)
CLOSED = QColor(225, 225, 225)
FULL = QColor(255, 214, 153)
BUSY = QColor(200, 235, 200)
WEEKDAYS = "一二三四五六日"
MAX_DAYS = 62  # the grid shows at most two months from the start


def order_columns() -> list[tuple]:
    return [
        ("number", tr("生产订单", "Work order")),
        ("item", tr("产品编码", "Product")),
        ("item_name", tr("产品名称", "Name")),
        ("status_label", tr("状态", "Status")),
        ("qty", tr("未完工数量", "Qty to make"), "qty"),
        ("hours", tr("工时(小时)", "Hours"), "qty"),
        ("start", tr("建议开工", "Proposed start")),
        ("finish", tr("建议完工", "Proposed finish")),
        ("due", tr("交货日期", "Due")),
        ("lateness_text", tr("延误", "Late by")),
        ("planned", tr("已定计划", "Stored plan")),
        ("problem", tr("说明", "Note")),
    ]


def lateness_text(row: dict) -> str:
    n = row["lateness"]
    if n is None:
        return ""
    if n > 0:
        return tr("{n} 天", "{n} d", n=n)
    return tr("按期", "on time")


def planned_text(row: dict) -> str:
    """The dates an earlier 应用排程 stored, as 'start → finish' ('' when none)."""
    if row["planned_start"] is None:
        return ""
    return f"{row['planned_start']:%m-%d} → {row['planned_finish']:%m-%d}"


class ScheduleTab(QWidget):
    def __init__(self, ops: Ops, parent=None):
        super().__init__(parent)
        self.ops = ops
        self.schedule = None
        self.date_from = date_edit(dt.date.today())
        self.summary = QLabel()
        self.summary.setObjectName("scheduleSummary")
        self.orders = RowsTable(order_columns())
        self.orders.setObjectName("scheduleOrders")
        self.grid = QTableWidget()
        self.grid.setObjectName("scheduleGrid")
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.run_button = button(tr("排程", "Schedule"), self.run, "scheduleRun")
        self.apply_button = button(tr("应用排程", "Apply schedule"), self.apply, "scheduleApply")
        self.apply_button.setEnabled(False)
        self.apply_button.setToolTip(
            tr(
                "把建议的开工、完工日期记为计划日期（未开工的订单）",
                "Store the proposed dates as the planned dates (orders not yet started)",
            )
        )
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.orders)
        split.addWidget(self.grid)
        layout = QVBoxLayout(self)
        layout.addLayout(
            row_box(
                QLabel(tr("排程起始日", "Schedule from")),
                self.date_from,
                self.run_button,
                self.apply_button,
            )
        )
        layout.addWidget(self.summary)
        legend = QLabel(
            tr(
                "下方每格为 已排 / 产能 小时：橙色 排满，绿色 有排产，灰色 休息日",
                "Each cell below is scheduled / capacity hours: orange full, green in use, "
                "grey closed",
            )
        )
        legend.setStyleSheet("color: #666")
        layout.addWidget(legend)
        layout.addWidget(split, 1)

    def run(self) -> None:
        """Levels the open orders in the background and shows the result."""
        from jxc_desktop.engine.production.capacity_level import level

        start = self.date_from.date().toPython()
        self.ops.run_in_background(
            lambda progress, stop: level(start),
            title=tr("有限产能排程", "Finite scheduling"),
            parent=self,
            on_success=self.show_schedule,
        )

    def apply(self) -> None:
        """Stores the proposed dates (levelled again inside the write, so it matches the
        database at that moment)."""
        from jxc_desktop.engine.production.capacity_level import apply_level

        start = self.date_from.date().toPython()
        self.ops.run_in_background(
            lambda progress, stop: apply_level(start),
            title=tr("应用排程", "Apply schedule"),
            parent=self,
            changed="documents",
            on_success=lambda s: self.show_schedule(s, applied=True),
        )

    def show_schedule(self, schedule, applied: bool = False) -> None:
        from jxc_desktop.engine.production.capacity_level import MOVABLE, order_rows

        self.schedule = schedule
        rows = order_rows(schedule)
        for row in rows:
            row["lateness_text"] = lateness_text(row)
            row["planned"] = planned_text(row)
        self.orders.fill(rows)
        for r, row in enumerate(rows):
            if row["late"] or row["problem"]:
                self.orders.paint_row(r, LATE, row["problem"] or lateness_text(row))
        self.orders.resizeColumnsToContents()
        self.fill_grid(schedule)
        late = sum(1 for row in rows if row["late"])
        moved = sum(1 for o in schedule.orders if o.status in MOVABLE and o.start)
        text = tr(
            "共 {n} 张未完工生产订单，延误 {late} 张",
            "{n} open work orders, {late} late",
            n=len(rows),
            late=late,
        )
        if applied:
            text += tr(
                "；已应用：{m} 张订单的计划日期已更新",
                "; applied: planned dates of {m} orders stored",
                m=moved,
            )
        self.summary.setText(text)
        self.apply_button.setEnabled(bool(rows) and not applied)

    def fill_grid(self, schedule) -> None:
        """Work centres down, days across: 'scheduled / capacity' hours per cell."""
        last = min(schedule.last_day, schedule.date_from + dt.timedelta(days=MAX_DAYS - 1))
        days = [
            schedule.date_from + dt.timedelta(days=i)
            for i in range((last - schedule.date_from).days + 1)
        ]
        cells = {(r["work_centre"], r["date"]): r for r in schedule.load_rows(last)}
        self.grid.clear()
        self.grid.setRowCount(len(schedule.centres))
        self.grid.setColumnCount(len(days))
        self.grid.setHorizontalHeaderLabels(
            [f"{d:%m-%d}\n{tr('周', '')}{self._weekday(d)}" for d in days]
        )
        self.grid.setVerticalHeaderLabels([f"{c.code} {c.name}" for c in schedule.centres])
        for r, centre in enumerate(schedule.centres):
            for c, day in enumerate(days):
                self.grid.setItem(r, c, self._cell(cells[(centre.code, day)]))
        self.grid.resizeColumnsToContents()

    @staticmethod
    def _weekday(day: dt.date) -> str:
        return tr(WEEKDAYS[day.weekday()], f"{day:%a}")

    @staticmethod
    def _cell(row: dict) -> QTableWidgetItem:
        cap, used = row["capacity"], row["scheduled"]
        text = f"{money.format_qty(used)} / {money.format_qty(cap)}" if cap else tr("休", "off")
        cell = QTableWidgetItem(text)
        cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        if not cap:
            cell.setBackground(QBrush(CLOSED))
        elif used >= cap:
            cell.setBackground(QBrush(FULL))
        elif used:
            cell.setBackground(QBrush(BUSY))
        if row["orders"]:
            cell.setToolTip(row["orders"])
        return cell
