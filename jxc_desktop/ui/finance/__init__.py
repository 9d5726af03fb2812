"""The 财务 tab: vouchers, entry dialog, trial balance and statements, month-end close."""

from jxc_desktop.ui.finance.page import FinancePage

__all__ = ["FinancePage"]
