"""Finance (财务): vouchers from every business document, manual vouchers, books,
month-end close and the 小企业会计准则 statements. See docs/FINANCE.md.

Modules: rules (which accounts an event posts to), ledger (writing vouchers),
document_vouchers (approve / un-approve hooks), manual (manual voucher life cycle),
import_vouchers (`jxc import vouchers`), balances (account balances for the books),
cashflow (cash-flow items), closing (`jxc close` / `jxc reopen`), checks (`jxc check`).
"""
