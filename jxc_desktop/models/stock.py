"""The stock ledger (append-only moves) and the balance caches it keeps."""

from __future__ import annotations

from peewee import (
    AutoField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
)

from jxc_desktop.models.base import BaseModel, now
from jxc_desktop.models.documents import Document, DocumentLine
from jxc_desktop.models.fields import MoneyField, PriceField, QtyField
from jxc_desktop.models.masterdata import Item, Location, Warehouse


class StockMove(BaseModel):
    """One append-only ledger row.

    kind: 'move' (quantity in or out with its value), 'reval' (a value correction of an
    earlier move written when a backdated document or an un-approve re-values it; qty 0,
    `adjusts` names the corrected move), 'reverse' (the mirror of a move when its
    document is un-approved; `adjusts` names the original).
    The value of a move as the ledger shows it is its own value plus its 'reval' rows.
    """

    id = AutoField()
    kind = CharField(default="move")
    document = ForeignKeyField(Document, on_delete="RESTRICT")
    line = ForeignKeyField(DocumentLine, null=True, on_delete="RESTRICT")
    date = DateField()
    time = CharField(default="")
    # no index of its own: the (item, warehouse, date, time, id) index starts with it, and
    # a second random-order index made every approval write ~1,000 more pages
    item = ForeignKeyField(Item, on_delete="RESTRICT", index=False)
    warehouse = ForeignKeyField(Warehouse, on_delete="RESTRICT")
    location = ForeignKeyField(Location, null=True, on_delete="RESTRICT")
    batch_no = CharField(default="")
    qty = QtyField()  # signed, base unit
    value = MoneyField()  # signed
    unit_cost = PriceField(default=0)
    adjusts = ForeignKeyField("self", null=True, on_delete="RESTRICT", backref="+")
    linked = ForeignKeyField("self", null=True, on_delete="RESTRICT", backref="+")
    cost_source = CharField(default="")  # fixed / linked / book / computed / value
    created_at = DateTimeField(default=now)

    class Meta:
        indexes = ((("item", "warehouse", "date", "time", "id"), False),)


class StockBalance(BaseModel):
    """On-hand quantity per item, warehouse, location (0 = none) and batch ('' = none)."""

    id = AutoField()
    item = ForeignKeyField(Item, on_delete="RESTRICT")
    warehouse = ForeignKeyField(Warehouse, on_delete="RESTRICT")
    location_id = IntegerField(default=0)
    batch_no = CharField(default="")
    qty = QtyField(default=0)

    class Meta:
        indexes = ((("item", "warehouse", "location_id", "batch_no"), True),)


class CostGroup(BaseModel):
    """The valuation balance of one cost pool: item + warehouse (+ batch for 个别计价)."""

    id = AutoField()
    item = ForeignKeyField(Item, on_delete="RESTRICT")
    warehouse = ForeignKeyField(Warehouse, on_delete="RESTRICT")
    batch_no = CharField(default="")
    qty = QtyField(default=0)
    value = MoneyField(default=0)
    last_unit_cost = PriceField(default=0)
    # the valuation key of the latest move: a move dated before it is backdated
    last_date = DateField(null=True)
    last_time = CharField(default="")

    class Meta:
        indexes = ((("item", "warehouse", "batch_no"), True),)


class FifoLayer(BaseModel):
    """A FIFO layer still in stock (a cache rebuilt by re-valuation)."""

    id = AutoField()
    group = ForeignKeyField(CostGroup, on_delete="CASCADE")
    seq = IntegerField()
    qty = QtyField()
    value = MoneyField()


class PeriodicCost(BaseModel):
    """The settled 月末一次加权平均 unit cost of a cost pool for a month."""

    id = AutoField()
    group = ForeignKeyField(CostGroup, on_delete="CASCADE")
    period = CharField()  # YYYY-MM
    unit_cost = PriceField()

    class Meta:
        indexes = ((("group", "period"), True),)


class SerialNumber(BaseModel):
    id = AutoField()
    item = ForeignKeyField(Item, on_delete="RESTRICT")
    serial = CharField()
    warehouse = ForeignKeyField(Warehouse, null=True, on_delete="RESTRICT")
    in_stock = IntegerField(default=1)
    last_document = ForeignKeyField(Document, null=True, on_delete="RESTRICT")

    class Meta:
        indexes = ((("item", "serial"), True),)


class SerialMove(BaseModel):
    """Which serial numbers a document line moved (append-only)."""

    id = AutoField()
    line = ForeignKeyField(DocumentLine, on_delete="RESTRICT")
    serial = ForeignKeyField(SerialNumber, on_delete="RESTRICT")
    direction = IntegerField()  # +1 in, -1 out
    reverses = ForeignKeyField("self", null=True, on_delete="RESTRICT", backref="+")
