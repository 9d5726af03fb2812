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
from jxc_desktop.models.db import create_index_if_missing, execute, executemany
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
    # location, adjusts and linked are empty on most moves: their indexes are partial
    # (see SPARSE_REFERENCES), so a plain move writes no entry into them
    location = ForeignKeyField(Location, null=True, on_delete="RESTRICT", index=False)
    batch_no = CharField(default="")
    qty = QtyField()  # signed, base unit
    value = MoneyField()  # signed
    unit_cost = PriceField(default=0)
    adjusts = ForeignKeyField("self", null=True, on_delete="RESTRICT", backref="+", index=False)
    linked = ForeignKeyField("self", null=True, on_delete="RESTRICT", backref="+", index=False)
    cost_source = CharField(default="")  # fixed / linked / book / computed / value
    created_at = DateTimeField(default=now)

    class Meta:
        indexes = (
            (("item", "warehouse", "date", "time", "id"), False),
            # period reports read the moves of a date range from this index alone (it
            # covers what they sum); new moves append to its end (today's date), so
            # keeping it costs a few pages per approval
            (("date", "item", "warehouse", "kind", "qty", "value", "adjusts"), False),
        )


SPARSE_REFERENCES = (StockMove.location, StockMove.adjusts, StockMove.linked)
for _field in SPARSE_REFERENCES:
    StockMove.add_index(StockMove.index(_field, where=_field.is_null(False)))


def use_partial_indexes() -> None:
    """Replaces the full indexes of SPARSE_REFERENCES on a database made before they
    were partial (same names; each approval then writes three index entries less)."""
    for field in SPARSE_REFERENCES:
        execute(f'DROP INDEX IF EXISTS "stock_move_{field.column_name}"')
    StockMove._schema.create_indexes(safe=True)


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
    # the pool's flows since its first move, by direction as the 收发存 summary counts
    # them (a revaluation or reversal counts with the move it corrects): its all-time
    # in and out without reading the ledger; written with qty and value in one UPDATE
    in_qty = QtyField(default=0)
    in_value = MoneyField(default=0)
    out_qty = QtyField(default=0)
    out_value = MoneyField(default=0)

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


class StocktakeFreeze(BaseModel):
    """Where in the ledger a stocktake's book quantities were frozen (or last re-based):
    the last move id then. Moves with a higher id, dated on or before the stocktake,
    changed its book after the freeze."""

    id = AutoField()
    document = ForeignKeyField(Document, on_delete="CASCADE", unique=True)
    move_upto = IntegerField()


# Tables created by schema step 5 (databases made before them get them there).
STEP5_MODELS = [StocktakeFreeze]


# A stored row's direction: its own quantity for a move, the corrected move's for a
# revaluation or a reversal (o = the move `adjusts` names).
FLOW_DIRECTION = "CASE WHEN m.kind = 'move' THEN m.qty ELSE COALESCE(o.qty, 0) END"


def ledger_flows() -> list[tuple]:
    """(item_id, warehouse_id, pool batch, in qty, in value, out qty, out value) per cost
    pool, summed from the ledger (a whole-ledger scan: for migration and `jxc check`)."""
    return execute(
        "SELECT m.item_id, m.warehouse_id, "
        "CASE WHEN i.valuation_method = 'specific' THEN m.batch_no ELSE '' END, "
        f"SUM(CASE WHEN {FLOW_DIRECTION} >= 0 THEN m.qty ELSE 0 END), "
        f"SUM(CASE WHEN {FLOW_DIRECTION} >= 0 THEN m.value ELSE 0 END), "
        f"SUM(CASE WHEN {FLOW_DIRECTION} < 0 THEN -m.qty ELSE 0 END), "
        f"SUM(CASE WHEN {FLOW_DIRECTION} < 0 THEN -m.value ELSE 0 END) "
        "FROM stock_move m JOIN item i ON i.id = m.item_id "
        "LEFT JOIN stock_move o ON o.id = m.adjusts_id "
        "GROUP BY m.item_id, m.warehouse_id, "
        "CASE WHEN i.valuation_method = 'specific' THEN m.batch_no ELSE '' END"
    ).fetchall()


def fill_pool_flows() -> None:
    """Sets every cost group's in / out flows from the ledger (schema step 5, for
    databases written before the flows were kept; a no-op on an empty ledger)."""
    rows = ledger_flows()
    executemany(
        "UPDATE cost_group SET in_qty = ?, in_value = ?, out_qty = ?, out_value = ? "
        "WHERE item_id = ? AND warehouse_id = ? AND batch_no = ?",
        [(*r[3:], *r[:3]) for r in rows],
    )


def add_period_index() -> None:
    """The covering date index of StockMove.Meta on a database made before it."""
    columns = ["date", "item_id", "warehouse_id", "kind", "qty", "value", "adjusts_id"]
    create_index_if_missing("stock_move", "stock_move_" + "_".join(columns), columns)
