"""首页 往来提醒: deliveries not invoiced, collections due this week, overdue, payments due.

Counted on the worker thread (open items of every partner), refreshed when documents
change; orders with a 收款计划 count by their instalments (engine: dashboard_counts).
"""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel
from shiboken6 import isValid

from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.reports.trade_orders import dashboard_counts


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
        self._job = None
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
        ops.changed.connect(lambda _what: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        if self._job is not None:
            return  # one count at a time
        self._job = self.ops.run_in_background(
            lambda _progress, _stop: dashboard_counts(),
            title=tr("往来提醒", "Receivables and payables"),
            parent=self,
            quiet=True,
            on_success=self.show_counts,
            on_failure=self._failed,
        )

    def show_counts(self, counts: dict[str, int]) -> None:
        if not isValid(self):
            return
        self._job = None
        for key, label in self.values.items():
            number = counts.get(key, 0)
            label.setText(f"{number:,}")
            label.setStyleSheet("color: #d32f2f; font-weight: bold;" if number else "")

    def _failed(self, _exc: BaseException) -> bool:
        if isValid(self):
            self._job = None
            for label in self.values.values():
                label.setText("?")
        return True
