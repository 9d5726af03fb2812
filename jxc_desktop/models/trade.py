"""Tables of the trade module (created by schema step 3; see schema.py).

Receivables and payables are open items (应收/应付 明细) settled by settlements (核销).
Both are ledgers: rows are never changed; an un-approved document writes reversal rows
that point at the rows they cancel, so the history stays readable and sums stay exact.
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

from jxc_desktop.models.base import BaseModel, now
from jxc_desktop.models.company import User
from jxc_desktop.models.documents import Document, DocumentLine
from jxc_desktop.models.fields import FactorField, MoneyField, PriceField, QtyField, RateField
from jxc_desktop.models.masterdata import Item, Partner

KINDS = ("receivable", "payable")


class OpenItem(BaseModel):
    """One receivable or payable (or an advance: a negative item) from one document line.

    amount is CNY incl. tax, signed (returns and advances are negative); currency_amount is
    the same in the document's currency. A row with `reverses` set cancels that row.
    """

    id = AutoField()
    partner = ForeignKeyField(Partner, on_delete="RESTRICT")
    kind = CharField(index=True)  # receivable / payable
    document = ForeignKeyField(Document, on_delete="RESTRICT", backref="+")
    line = ForeignKeyField(DocumentLine, null=True, on_delete="RESTRICT", backref="+")
    date = DateField(index=True)
    due_date = DateField()
    currency = CharField(default="CNY")
    exchange_rate = FactorField(default=1)
    currency_amount = MoneyField(default=0)
    amount = MoneyField(default=0)
    is_advance = CharField(default="")  # "1" for 预收/预付 advances
    reverses = ForeignKeyField("self", null=True, on_delete="RESTRICT", backref="+")
    created_at = DateTimeField(default=now)

    class Meta:
        indexes = ((("partner", "kind"), False),)


class Settlement(BaseModel):
    """核销: part of an open item cleared by a document (SKD/FKD, or an item netted)."""

    id = AutoField()
    open_item = ForeignKeyField(OpenItem, on_delete="RESTRICT", backref="+")
    document = ForeignKeyField(Document, on_delete="RESTRICT", backref="+")
    line = ForeignKeyField(DocumentLine, null=True, on_delete="RESTRICT", backref="+")
    date = DateField()
    amount = MoneyField(default=0)  # CNY, same sign as the item it clears
    reverses = ForeignKeyField("self", null=True, on_delete="RESTRICT", backref="+")
    created_at = DateTimeField(default=now)


class ClosedLine(BaseModel):
    """短缺关闭: an order line closed short; deleting the row re-opens the line."""

    id = AutoField()
    line = ForeignKeyField(DocumentLine, unique=True, on_delete="RESTRICT", backref="+")
    date = DateField()
    reason = TextField(default="")
    user = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    created_at = DateTimeField(default=now)


class PriceList(BaseModel):
    """Customer price grades (价格等级) with quantity breaks and discounts."""

    id = AutoField()
    grade = CharField(index=True)  # matches Partner.price_grade; "" = every customer
    item = ForeignKeyField(Item, on_delete="CASCADE", backref="+")
    min_qty = QtyField(default=0)  # base unit
    price = PriceField(default=0)  # excl. tax, per base unit
    discount = RateField(default=0)  # percent off the price
    valid_from = DateField(null=True)
    valid_to = DateField(null=True)


class SupplierQuote(BaseModel):
    """供应商报价: a supplier's price for an item from a quantity, within a validity."""

    id = AutoField()
    supplier = ForeignKeyField(Partner, on_delete="CASCADE", backref="+")
    item = ForeignKeyField(Item, on_delete="CASCADE", backref="+")
    min_qty = QtyField(default=0)
    price = PriceField(default=0)  # excl. tax, per base unit
    valid_from = DateField(null=True)
    valid_to = DateField(null=True)
    remarks = TextField(default="")


class CollectionPlan(BaseModel):
    """收款计划: one instalment of a sales order (the order's currency); the instalments
    of an order add up to its total. Replaced as a whole when the plan changes."""

    id = AutoField()
    order = ForeignKeyField(Document, on_delete="CASCADE", backref="+")
    seq = IntegerField()
    due_date = DateField(index=True)
    amount = MoneyField(default=0)
    remarks = TextField(default="")

    class Meta:
        indexes = ((("order", "seq"), True),)


class ExchangeDifference(BaseModel):
    """汇兑差额: a foreign-currency item settled at another rate than it was booked at.

    amount (CNY, signed) = the settling money valued at its own rate − the book value it
    cleared; the voucher (Dr/Cr 1122 or 2202 against 560302 汇兑损益) is written with it.
    A row with `reverses` set cancels that row (un-approve).
    """

    id = AutoField()
    document = ForeignKeyField(Document, on_delete="RESTRICT", backref="+")
    line = ForeignKeyField(DocumentLine, null=True, on_delete="RESTRICT", backref="+")
    open_item = ForeignKeyField(OpenItem, on_delete="RESTRICT", backref="+")
    date = DateField()
    amount = MoneyField(default=0)
    reverses = ForeignKeyField("self", null=True, on_delete="RESTRICT", backref="+")
    created_at = DateTimeField(default=now)


class ManualSettlement(BaseModel):
    """A receipt or payment settled by hand (the 收款单 form): its lines that name a
    document settle only that document, and its other lines are advances, even when
    no line names anything. Without a row the lines decide (see settlement.py)."""

    id = AutoField()
    document = ForeignKeyField(Document, unique=True, on_delete="CASCADE", backref="+")


# Every table of this module, in creation order (parents before children).
MODELS: list = [
    OpenItem,
    Settlement,
    ClosedLine,
    PriceList,
    SupplierQuote,
    CollectionPlan,
    ExchangeDifference,
    ManualSettlement,
]
# Ledger tables whose rows are never updated or deleted (guarded by triggers).
APPEND_ONLY: list[str] = ["open_item", "settlement", "exchange_difference"]
