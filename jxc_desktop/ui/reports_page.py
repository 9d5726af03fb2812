"""报表 tab: every registered report, with filters, export to xlsx and print to PDF.

The left list is the report registry (the same reports `jxc report NAME` prints); each
report opens in a ReportView the first time it is chosen.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QStackedWidget,
)

from jxc_desktop.engine.i18n import tr as etr
from jxc_desktop.engine.reports import load_all
from jxc_desktop.engine.reports.filters import GROUPS, OTHER, group_of
from jxc_desktop.ui.inventory.report_view import ReportView
from jxc_desktop.ui.ops import Ops
from jxc_desktop.ui.pages import TabPage

NAME_ROLE = Qt.ItemDataRole.UserRole


class ReportsPage(TabPage):
    def __init__(self, ops: Ops, parent=None):
        super().__init__(parent)
        self.ops = ops
        self.views: dict[str, ReportView] = {}
        self.nav = QListWidget()
        self.nav.setObjectName("reportsNav")
        self._fill_nav()
        self.nav.setFixedWidth(self._nav_width())
        self.stack = QStackedWidget()
        # a report with a long filter row must not squeeze the list: the stack takes the
        # width that is left, whatever the widest report it has shown would like
        self.stack.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        layout = QHBoxLayout(self)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.nav.currentItemChanged.connect(
            lambda item, _prev: item and self.show_report(item.data(NAME_ROLE))
        )
        names = [self.nav.item(i).data(NAME_ROLE) for i in range(self.nav.count())]
        if "stock-balance" in names:  # open on the report users look at most
            self.nav.setCurrentRow(names.index("stock-balance"))

    def _fill_nav(self) -> None:
        """Reports under a heading per module (库存, 购销与往来, 财务 …), in the order the
        modules register them; the headings cannot be chosen."""
        order = [g[0] for g in GROUPS] + [OTHER[0]]
        grouped: dict[str, list] = {}
        titles = {}
        for name, report in load_all().items():
            key, zh, en = group_of(report)
            grouped.setdefault(key, []).append((name, report))
            titles[key] = etr(zh, en)
        bold = QFont()
        bold.setBold(True)
        for key in [k for k in order if k in grouped]:
            heading = QListWidgetItem(titles[key])
            heading.setFlags(Qt.ItemFlag.ItemIsEnabled)  # shown, never chosen
            heading.setFont(bold)
            self.nav.addItem(heading)
            for name, report in grouped[key]:
                entry = QListWidgetItem("  " + report.title)
                entry.setToolTip(name)
                entry.setData(NAME_ROLE, name)
                self.nav.addItem(entry)

    def _nav_width(self) -> int:
        """As wide as the longest report name in this language (within reason)."""
        bold = QFont(self.nav.font())
        bold.setBold(True)
        plain, heading = QFontMetrics(self.nav.font()), QFontMetrics(bold)
        items = [self.nav.item(i) for i in range(self.nav.count())]
        widths = [
            (plain if item.data(NAME_ROLE) else heading).horizontalAdvance(item.text())
            for item in items
        ]
        return max(170, min(max(widths, default=0) + 40, 300))  # padding, scroll bar

    def show_report(self, name: str) -> ReportView:
        view = self.views.get(name)
        if view is None:
            view = self.views[name] = ReportView(self.ops, name)
            self.stack.addWidget(view)
        self.stack.setCurrentWidget(view)
        self._select_in_nav(name)  # when shown from elsewhere (首页, a drill-down)
        return view

    def _select_in_nav(self, name: str) -> None:
        for row in range(self.nav.count()):
            if self.nav.item(row).data(NAME_ROLE) == name and self.nav.currentRow() != row:
                self.nav.blockSignals(True)
                self.nav.setCurrentRow(row)
                self.nav.blockSignals(False)
                return

    def print_view(self) -> bool:
        view = self.stack.currentWidget()
        if isinstance(view, ReportView):
            view.print_pdf()
        return True

    def refresh(self) -> bool:
        view = self.stack.currentWidget()
        if isinstance(view, ReportView):
            view.run()
        return True
