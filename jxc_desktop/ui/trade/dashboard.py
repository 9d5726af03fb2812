"""首页 往来提醒: deliveries not invoiced, collections due this week, overdue, payments due.

Counted on the worker thread (open items of every partner) as a quiet background read,
refreshed when documents change and only while 首页 is on screen (otherwise when it is
next shown); orders with a 收款计划 count by their instalments (engine: dashboard_counts).
Each count, like 库存预警's, is a link: it opens 销售 (采购 for payments) listing the
documents behind it (engine: dashboard_documents).
"""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton
from shiboken6 import isValid

from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.reports.trade_orders import dashboard_counts, dashboard_documents
from jxc_desktop.ui.buttons import link_button
from jxc_desktop.ui.refresh import Refresher

SIDES = {"payments_due": "purchase"}  # the rest are receivables: 销售


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
        self.values: dict[str, QPushButton] = {}
        for key, label in labels().items():
            value = link_button(
                lambda _checked=False, k=key: self.open_documents(k),
                f"trade_{key}",
                tr("查看单据", "Show the documents"),
            )
            self.values[key] = value
            row.addWidget(QLabel(label + tr("：", ":")))
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

    def open_documents(self, key: str):
        """Lists the documents behind count `key` on 销售 (采购 for payments due); they are
        found on the worker thread (every partner's open items). Returns the job."""
        return self.ops.run_in_background(
            lambda _progress, _stop: dashboard_documents()[key],
            title=labels()[key],
            parent=self,
            on_success=lambda ids: self._show_documents(key, ids),
        )

    def _show_documents(self, key: str, ids: list[int]) -> None:
        window = self.window()
        side = SIDES.get(key, "sales")
        page = getattr(window, "pages", {}).get(side)
        if page is None or not isValid(self):
            return  # that module is switched off for this company
        window.select_tab(side)
        page.docs.show_followup(labels()[key], ids)

    def _failed(self, _exc: BaseException) -> bool:
        if isValid(self):
            for label in self.values.values():
                label.setText("?")
        return True
