"""Business documents (单据): a header, lines and a status; and their number sequences."""

from __future__ import annotations

from peewee import (
    AutoField,
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from jxc_desktop.models.base import BaseModel, now
from jxc_desktop.models.company import User
from jxc_desktop.models.fields import FactorField, MoneyField, PriceField, QtyField, RateField
from jxc_desktop.models.masterdata import (
    Item,
    Location,
    Partner,
    Staff,
    Unit,
    Warehouse,
)

STATUSES = ("draft", "approved", "void")


class DocumentSequence(BaseModel):
    """The last number given per prefix and day; numbers are never reused."""

    prefix = CharField()
    day = CharField()  # YYYYMMDD
    last = IntegerField(default=0)

    class Meta:
        primary_key = False
        indexes = ((("prefix", "day"), True),)


class Document(BaseModel):
    id = AutoField()
    doc_type = CharField(index=True)  # the prefix: QTRK, XSCK, ...
    number = CharField(unique=True)
    external_number = CharField(null=True)
    date = DateField(index=True)
    time = CharField(default="")  # HH:MM:SS, orders documents within a day
    status = CharField(default="draft", index=True)
    partner = ForeignKeyField(Partner, null=True, on_delete="RESTRICT")
    warehouse = ForeignKeyField(Warehouse, null=True, on_delete="RESTRICT")
    dest_warehouse = ForeignKeyField(Warehouse, null=True, on_delete="RESTRICT", backref="+")
    staff = ForeignKeyField(Staff, null=True, on_delete="RESTRICT")
    currency = CharField(default="CNY")
    exchange_rate = FactorField(default=1)
    remarks = TextField(default="")
    source = ForeignKeyField("self", null=True, on_delete="RESTRICT", backref="downstream")
    maker = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    created_at = DateTimeField(default=now)
    updated_at = DateTimeField(default=now)
    approver = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    approved_at = DateTimeField(null=True)
    total_amount = MoneyField(default=0)
    total_tax = MoneyField(default=0)

    class Meta:
        indexes = (
            (("doc_type", "external_number"), False),
            (("doc_type", "status", "date"), False),
        )


class DocumentLine(BaseModel):
    id = AutoField()
    document = ForeignKeyField(Document, backref="lines", on_delete="CASCADE")
    line_no = IntegerField()
    item = ForeignKeyField(Item, null=True, on_delete="RESTRICT")
    unit = ForeignKeyField(Unit, null=True, on_delete="RESTRICT")
    qty = QtyField(default=0)  # in `unit`
    base_qty = QtyField(default=0)  # in the item's base unit
    price = PriceField(default=0)  # per `unit`, excluding tax (unit cost for receipts)
    tax_rate = RateField(default=0)
    amount = MoneyField(default=0)  # 不含税金额
    tax = MoneyField(default=0)  # 税额
    total = MoneyField(default=0)  # 价税合计
    location = ForeignKeyField(Location, null=True, on_delete="RESTRICT")
    dest_location = ForeignKeyField(Location, null=True, on_delete="RESTRICT", backref="+")
    batch_no = CharField(default="")
    production_date = DateField(null=True)
    expiry_date = DateField(null=True)
    book_qty = QtyField(null=True)  # stocktake: frozen book quantity (base unit)
    counted = BooleanField(default=True)  # stocktake: False until the line is counted
    source_line = ForeignKeyField("self", null=True, on_delete="RESTRICT", backref="+")
    due_date = DateField(null=True)
    account = CharField(default="")  # cash/bank account code for SKD/FKD
    cost_object = CharField(default="")
    remarks = TextField(default="")

    class Meta:
        indexes = ((("document", "line_no"), True),)


class DocumentLineSerial(BaseModel):
    """A serial number (序列号) a line receives or issues, for serial-managed items."""

    id = AutoField()
    line = ForeignKeyField(DocumentLine, backref="serials", on_delete="CASCADE")
    serial = CharField()

    class Meta:
        indexes = ((("line", "serial"), True),)
