"""库存 (inventory) tab: document lists, the scanner document form, stocktake counting
and the stock query with its drill-down."""

from jxc_desktop.ui.inventory.page import InventoryPage

__all__ = ["InventoryPage"]
