"""首页 经营概况: this month's sales, purchases and gross profit, receivables, payables,
stock and cash, and the documents waiting for approval (engine: reports/overview.py).

Read on the worker thread as a quiet background job, refreshed when data changes while
首页 is on screen. Each money figure is a link to the report it totals, opened on 报表
with the same dates; figures of switched-off modules are not shown.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QPushButton
from shiboken6 import isValid

from jxc_desktop.engine.i18n import tr as etr
from jxc_desktop.engine.money import format_money
from jxc_desktop.engine.reports.overview import Overview, overview, this_month
from jxc_desktop.ui.buttons import link_button
from jxc_desktop.ui.refresh import Refresher

# figure -> (the module it needs, the report it totals, whether that report is opened on
# the month's dates; else as of today)
FIGURES = {
    "sales": ("sales", "sales-summary", True),
    "purchases": ("purchase", "purchase-summary", True),
    "gross_profit": ("sales", "gross-profit", True),
    "drafts": (None, None, False),
    "receivable": ("sales", "ar-aging", False),
    "payable": ("purchase", "ap-aging", False),
    "stock_value": ("inventory", "stock-balance", False),
    "cash": ("finance", "trial-balance", True),  # its closing balances, this month
}
PER_ROW = 4


def labels() -> dict[str, str]:
    return {
        "sales": etr("本月销售额", "Sales this month"),
        "purchases": etr("本月采购额", "Purchases this month"),
        "gross_profit": etr("本月毛利", "Gross profit this month"),
        "drafts": etr("待审核单据", "Documents to approve"),
        "receivable": etr("应收余额", "Receivables"),
        "payable": etr("应付余额", "Payables"),
        "stock_value": etr("库存金额", "Stock value"),
        "cash": etr("资金余额", "Cash and bank"),
    }


def shown_figures(modules: list[str]) -> list[str]:
    return [key for key, (module, _, _) in FIGURES.items() if module is None or module in modules]


class OverviewBox(QGroupBox):
    # a figure was clicked: report key, first and last date (None for an as-of report)
    open_report = Signal(str, object, object)

    def __init__(self, ops, modules: list[str], parent=None):
        super().__init__(parent)
        self.ops = ops
        self.setObjectName("homeOverview")
        self.dates = this_month(dt.date.today())
        grid = QGridLayout(self)
        grid.setHorizontalSpacing(10)
        self.values: dict[str, QPushButton | QLabel] = {}
        names = labels()
        for n, key in enumerate(shown_figures(modules)):
            report = FIGURES[key][1]
            if report:
                value = link_button(
                    lambda _checked=False, k=key: self.open(k),
                    f"overview_{key}",
                    etr("查看报表", "Open the report"),
                )
            else:
                value = QLabel("…")
                value.setObjectName(f"overview_{key}")
            self.values[key] = value
            row, column = divmod(n, PER_ROW)
            grid.addWidget(QLabel(names[key] + etr("：", ":")), row, column * 2)
            grid.addWidget(value, row, column * 2 + 1, Qt.AlignmentFlag.AlignLeft)
        for column in range(PER_ROW):  # figures line up, and pairs stand apart
            grid.setColumnMinimumWidth(column * 2 + 1, 130)
        grid.setColumnStretch(PER_ROW * 2 - 1, 1)
        self._title()
        self.refresher = Refresher(self, self.refresh, ops)
        self.refresh()

    def _title(self) -> None:
        start, end = self.dates
        self.setTitle(
            etr("经营概况（本月：{m}）", "Overview (this month: {m})", m=start.strftime("%Y-%m"))
        )

    def refresh(self) -> None:
        self.ops.run_in_background(
            lambda _progress, _stop: overview(),
            title=etr("经营概况", "Overview"),
            parent=self,
            quiet=True,
            key=f"home-overview-{id(self)}",
            on_success=self.show_figures,
            on_failure=self._failed,
        )

    def show_figures(self, figures: Overview) -> None:
        if not isValid(self):
            return  # the page was rebuilt (language switch) while the figures were read
        self.dates = (figures.start, figures.end)
        self._title()
        for key, widget in self.values.items():
            value = getattr(figures, key)
            widget.setText(f"{value:,}" if key == "drafts" else format_money(value))
            negative = key != "drafts" and value < 0
            widget.setStyleSheet("color: #d32f2f;" if negative else "")

    def open(self, key: str) -> None:
        _module, report, dated = FIGURES[key]
        start, end = self.dates
        self.open_report.emit(report, start if dated else None, end)

    def _failed(self, _exc: BaseException) -> bool:
        if not isValid(self):
            return True
        for widget in self.values.values():
            widget.setText("?")
        return False  # shown as an error: the figures could not be read
