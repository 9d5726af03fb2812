"""The 质检 tab: 质检单 / 检验方案 / 供应商评估 / 供应商资质 sub-tabs."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout

from jxc_desktop.engine.i18n import tr
from jxc_desktop.ui.ops import Ops
from jxc_desktop.ui.pages import TabPage
from jxc_desktop.ui.quality.inspection_tab import InspectionTab
from jxc_desktop.ui.quality.views import PlanTab, QualificationTab, ReportTab


class QualityPage(TabPage):
    def __init__(self, ops: Ops, parent=None):
        super().__init__(parent)
        self.ops = ops
        self.inspections = InspectionTab(ops)
        self.plans = PlanTab(ops)
        self.evaluation = ReportTab(ops, "supplier-evaluation", "evaluation")
        self.summary = ReportTab(ops, "inspection-summary", "summary")
        self.qualifications = QualificationTab(ops)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("qualityTabs")
        self.tabs.addTab(self.inspections, tr("质检单", "Inspections"))
        self.tabs.addTab(self.plans, tr("检验方案", "Inspection plans"))
        self.tabs.addTab(self.summary, tr("质检汇总", "Inspection summary"))
        self.tabs.addTab(self.evaluation, tr("供应商评估", "Supplier evaluation"))
        self.tabs.addTab(self.qualifications, tr("供应商资质", "Qualifications"))
        QVBoxLayout(self).addWidget(self.tabs)
        self.tabs.currentChanged.connect(lambda _i: self.refresh())
        self.refresh()

    @staticmethod
    def title() -> str:
        return tr("质检", "Quality")

    def print_view(self) -> bool:
        """Ctrl+P on the 质检单 sub-tab prints the shown inspection's report."""
        if self.tabs.currentWidget() is not self.inspections or self.inspections.doc_id is None:
            return False
        self.inspections.print_report()
        return True

    def refresh(self) -> bool:
        """Refreshes the visible sub-tab (reading lists is cheap, reports on demand)."""
        self.tabs.currentWidget().refresh()
        return True
