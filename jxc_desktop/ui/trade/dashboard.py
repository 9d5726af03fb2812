"""首页 往来提醒: deliveries not invoiced, collections due this week, overdue, payments due.

Counted on the worker thread (open items of every partner) as a quiet background read,
refreshed when documents change and only while 首页 is on screen (otherwise when it is
next shown); orders with a 收款计划 count by their instalments (engine: dashboard_counts).
"""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel
from shiboken6 import isValid

from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.reports.trade_orders import dashboard_counts
from jxc_desktop.ui.refresh import Refresher


def labels() -> dict[str, str]:
    return {
        "uninvoiced": tr("已出库未开票", "Delivered, not invoiced"),
        "due_this_week": tr("本周应收", "Collections due this week"),
        "overdue": tr("逾期应收", "Overdue collections"),
        "payments_due": tr("本周应付", "Payments due"),
    }


class TradeDashboard(QGroupBox):
    def __init__(self, ops, parent=None):
        super().__init__(tr("往来提醒", "Receivables and payables"), parent)
        self.ops = ops
        row = QHBoxLayout(self)
        self.values: dict[str, QLabel] = {}
        for key, label in labels().items():
            value = QLabel("…")
            value.setObjectName(f"trade_{key}")
            self.values[key] = value
            row.addWidget(QLabel(label + ":"))
            row.addWidget(value)
            row.addSpacing(18)
        row.addStretch(1)
        self.refresher = Refresher(self, self.refresh, ops)
        self.refresh()

    def refresh(self) -> None:
        """Counts aside; a count asked for while one waits replaces it (Ops key)."""
        self.ops.run_in_background(
            lambda _progress, _stop: dashboard_counts(),
            title=tr("往来提醒", "Receivables and payables"),
            parent=self,
            quiet=True,
            key=f"trade-dashboard-{id(self)}",
            on_success=self.show_counts,
            on_failure=self._failed,
        )

    def show_counts(self, counts: dict[str, int]) -> None:
        if not isValid(self):
            return
        for key, label in self.values.items():
            number = counts.get(key, 0)
            label.setText(f"{number:,}")
            label.setStyleSheet("color: #d32f2f; font-weight: bold;" if number else "")

    def _failed(self, _exc: BaseException) -> bool:
        if isValid(self):
            for label in self.values.values():
                label.setText("?")
        return True
