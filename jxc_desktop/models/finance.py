"""Tables of the finance module (created by schema step 3; see schema.py).

Vouchers (记账凭证) and their lines, the voucher rules that turn business documents into
vouchers, cash-flow items, opening balances (期初余额) and the month-end close log.
Amounts are exact (MoneyField = integer fen). A voucher written by a business document
is never edited: un-approving the document writes a red-letter reversal voucher.
"""

from __future__ import annotations

from peewee import (
    AutoField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from jxc_desktop.models.accounting import Account
from jxc_desktop.models.base import BaseModel, now
from jxc_desktop.models.company import User
from jxc_desktop.models.documents import Document
from jxc_desktop.models.fields import FactorField, MoneyField
from jxc_desktop.models.masterdata import Department, Item, ItemCategory, Partner, Warehouse

VOUCHER_STATUSES = ("draft", "reviewed", "posted")
# manual: entered or imported; document: written by approving a business document;
# reversal: written by un-approving one; close: month-end closing entries;
# fx_revaluation: 期末调汇 (deleted with the closing entries when the month is re-opened).
VOUCHER_KINDS = ("manual", "document", "reversal", "close", "fx_revaluation")


class CashFlowItem(BaseModel):
    """现金流量项目: a line of the 现金流量表 that cash and bank lines are tagged with."""

    id = AutoField()
    code = CharField(unique=True)
    name = CharField()
    direction = CharField()  # in / out
    line = IntegerField()  # the statutory line number of 会小企03表


class Voucher(BaseModel):
    id = AutoField()
    period = CharField(index=True)  # YYYY-MM
    word = CharField(default="记")
    number = IntegerField()  # per period and word: shown as 记-0001
    date = DateField(index=True)
    summary = CharField(default="")
    attachments = IntegerField(default=0)
    kind = CharField(default="manual")
    external_number = CharField(default="")  # the 凭证号 of an imported voucher
    source = ForeignKeyField(Document, null=True, on_delete="RESTRICT", backref="vouchers")
    status = CharField(default="draft")
    maker = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    made_at = DateTimeField(default=now)
    reviewer = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    reviewed_at = DateTimeField(null=True)
    poster = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    posted_at = DateTimeField(null=True)
    reversal_of = ForeignKeyField("self", null=True, on_delete="RESTRICT", backref="+")
    # the highest stock_move id this voucher accounts for (document vouchers only), so a
    # later voucher of the same document takes exactly the rows written after it
    stock_upto = IntegerField(default=0)

    class Meta:
        indexes = ((("period", "word", "number"), True),)

    @property
    def display_number(self) -> str:
        return f"{self.word}-{self.number:04d}"


class VoucherLine(BaseModel):
    id = AutoField()
    voucher = ForeignKeyField(Voucher, backref="lines", on_delete="CASCADE")
    line_no = IntegerField()
    summary = CharField(default="")
    account = ForeignKeyField(Account, on_delete="RESTRICT")
    debit = MoneyField(default=0)
    credit = MoneyField(default=0)
    partner = ForeignKeyField(Partner, null=True, on_delete="RESTRICT")
    department = ForeignKeyField(Department, null=True, on_delete="RESTRICT")
    item = ForeignKeyField(Item, null=True, on_delete="RESTRICT")
    cash_flow_item = CharField(default="")  # CashFlowItem.code on cash and bank lines
    cost_object = CharField(default="")
    currency = CharField(default="CNY")
    original_amount = MoneyField(default=0)  # in `currency`
    rate = FactorField(default=1)

    class Meta:
        indexes = ((("voucher", "line_no"), True),)


class VoucherRule(BaseModel):
    """Which accounts an event posts to; the most specific matching rule wins.

    event: see engine/finance/rules.py (inventory, opening_stock, purchase, sale, ...).
    A condition left empty matches everything.
    """

    id = AutoField()
    event = CharField(index=True)
    item_type = CharField(default="")
    category = ForeignKeyField(ItemCategory, null=True, on_delete="CASCADE")
    warehouse = ForeignKeyField(Warehouse, null=True, on_delete="CASCADE")
    partner = ForeignKeyField(Partner, null=True, on_delete="CASCADE")
    debit_account = CharField(default="")
    credit_account = CharField(default="")


class OpeningBalance(BaseModel):
    """期初余额 of an account (and partner) at the company's start period."""

    id = AutoField()
    account = ForeignKeyField(Account, on_delete="RESTRICT")
    partner = ForeignKeyField(Partner, null=True, on_delete="RESTRICT")
    debit = MoneyField(default=0)
    credit = MoneyField(default=0)


class PeriodClose(BaseModel):
    """The log of month-end closes and re-opens (the lock itself is Period.closed)."""

    id = AutoField()
    period = CharField(index=True)
    action = CharField()  # close / reopen
    at = DateTimeField(default=now)
    username = CharField(default="")
    detail = TextField(default="")


class FxAccount(BaseModel):
    """外币核算科目: an account (and its subtree) whose foreign-currency lines are revalued
    at month end, besides 1122 / 2202 which always are (e.g. a USD bank account 100201)."""

    id = AutoField()
    account = ForeignKeyField(Account, unique=True, on_delete="CASCADE")
    currency = CharField(default="")  # informative: the currency the account is kept in


class PeriodTotal(BaseModel):
    """Voucher line totals of a CLOSED month per account and partner (a balance cache).

    Written by the month-end close after its closing entries, deleted by re-opening the
    month; a closed month's vouchers cannot change, so the totals stay exact. `closing`
    separates the closing entries (结转) that the income statement leaves out.
    """

    id = AutoField()
    period = CharField(index=True)
    account = ForeignKeyField(Account, on_delete="CASCADE")
    partner = ForeignKeyField(Partner, null=True, on_delete="CASCADE")
    closing = IntegerField(default=0)
    debit = MoneyField(default=0)
    credit = MoneyField(default=0)


class PeriodTotalMark(BaseModel):
    """The months whose PeriodTotal rows are complete (a month without activity has none)."""

    id = AutoField()
    period = CharField(unique=True)


# Every table of this module, in creation order (parents before children).
MODELS: list = [
    CashFlowItem,
    Voucher,
    VoucherLine,
    VoucherRule,
    OpeningBalance,
    PeriodClose,
    FxAccount,
    PeriodTotal,
    PeriodTotalMark,
]
# Ledger tables whose rows are never updated or deleted (guarded by triggers).
APPEND_ONLY: list[str] = ["period_close"]
