"""报表 tab: every registered report, with filters, export to xlsx and print to PDF.

The left list is the report registry (the same reports `jxc report NAME` prints); each
report opens in a ReportView the first time it is chosen.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem, QStackedWidget

from jxc_desktop.engine.reports import load_all
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
        self.nav.setMaximumWidth(220)
        for name, report in sorted(load_all().items(), key=lambda kv: kv[1].title):
            entry = QListWidgetItem(report.title)
            entry.setToolTip(name)
            entry.setData(NAME_ROLE, name)
            self.nav.addItem(entry)
        self.stack = QStackedWidget()
        layout = QHBoxLayout(self)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.nav.currentItemChanged.connect(
            lambda item, _prev: item and self.show_report(item.data(NAME_ROLE))
        )
        names = [self.nav.item(i).data(NAME_ROLE) for i in range(self.nav.count())]
        if "stock-balance" in names:  # open on the report users look at most
            self.nav.setCurrentRow(names.index("stock-balance"))

    def show_report(self, name: str) -> ReportView:
        view = self.views.get(name)
        if view is None:
            view = self.views[name] = ReportView(self.ops, name)
            self.stack.addWidget(view)
        self.stack.setCurrentWidget(view)
        return view

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
