"""The 销售 and 采购 tabs: document lists with status filters, actions, partner view."""

from jxc_desktop.ui.trade.page import TradePage

__all__ = ["TradePage"]
