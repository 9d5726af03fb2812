"""生产 tab: BOM tree, work orders, MRP run and cost run; a thin client of engine.production.

Texts are engine-style pairs (engine.i18n.tr(zh, en)), switched with the GUI language.
"""

from jxc_desktop.ui.production.page import ProductionPage

__all__ = ["ProductionPage"]
