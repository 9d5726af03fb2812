"""质检 tab: inspections, plans, supplier evaluation and qualifications; a thin client of
engine.quality. Texts are engine-style pairs (engine.i18n.tr(zh, en))."""

from jxc_desktop.ui.quality.page import QualityPage

__all__ = ["QualityPage"]
