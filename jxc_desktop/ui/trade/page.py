"""销售 / 采购 tab: 单据 (documents) and 往来 (partner balances and statement)."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout

from jxc_desktop.engine.i18n import tr
from jxc_desktop.ui.pages import TabPage
from jxc_desktop.ui.trade.doc_list import TradeDocList
from jxc_desktop.ui.trade.partner_view import PartnerView


class TradePage(TabPage):
    def __init__(self, ops, side: str, parent=None):
        super().__init__(parent)
        self.side = side
        self.docs = TradeDocList(ops, side)
        self.partners = PartnerView(ops, side)
        tabs = QTabWidget()
        tabs.addTab(self.docs, tr("单据", "Documents"))
        tabs.addTab(self.partners, tr("往来", "Partners"))
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)

    def refresh(self) -> bool:
        self.docs.refresh()
        return self.partners.refresh()
