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
from jxc_desktop.models.db import (
    append_only_lifted,
    create_index_if_missing,
    database,
    drop_column_default,
    execute,
    executemany,
    table_names,
    view_names,
)
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
    # no index of its own: the per-item index has it after the month (see `month`), and
    # a second random-order index made every approval write ~1,000 more pages (so the
    # foreign-key check of deleting an item, which has no moves, reads the date index)
    item = ForeignKeyField(Item, on_delete="RESTRICT", index=False)
    # no index of its own either: every query names the item or a date as well, and the
    # index cost each approval ~1.8 ms (a warehouse with moves cannot be deleted; that
    # rare check scans the ledger)
    warehouse = ForeignKeyField(Warehouse, on_delete="RESTRICT", index=False)
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
    # the calendar month of `date` (YYYY-MM, see month_of): it leads the per-item index,
    # so a new move's entry lands in its month's part of that index, not on a random page
    # of the whole ledger's. An approval of 1,000 lines of random items wrote ~1,100 such
    # pages on a 1,000,000-move ledger, about half of all it wrote; in the current month's
    # part the new entries share few pages. A query for one item's moves names the months
    # it may be in (engine/inventory/ledger_months.py). The last column, as on files
    # that schema step 8 gave it (there with DEFAULT '' on SQLite, which cannot drop a
    # default: pool_store, the one writer of moves, always sets it; `jxc check` verifies).
    month = CharField()

    class Meta:
        indexes = (
            (("month", "item", "warehouse", "date", "time", "id"), False),
            # period reports read the moves of a date range from this index alone (it
            # covers what they sum); new moves append to its end (today's date), so
            # keeping it costs a few pages per approval
            (("date", "item", "warehouse", "kind", "qty", "value", "adjusts"), False),
        )


def month_of(date) -> str:
    """StockMove.month of a date (a date or its ISO text): 'YYYY-MM'."""
    return str(date)[:7]


def next_month(month: str) -> str:
    """The month after a 'YYYY-MM'."""
    year, number = int(month[:4]), int(month[5:7])
    return f"{year + 1:04d}-01" if number == 12 else f"{year:04d}-{number + 1:02d}"


def months_from(first: str, last: str) -> list[str]:
    """The months 'YYYY-MM' from first to last, both included ([] when last is earlier)."""
    # counted as integers: as text, the month after 9999-12 would sort before it
    start = int(first[:4]) * 12 + int(first[5:7]) - 1
    end = int(last[:4]) * 12 + int(last[5:7]) - 1
    return [f"{n // 12:04d}-{n % 12 + 1:02d}" for n in range(start, end + 1)]


SPARSE_REFERENCES = (StockMove.location, StockMove.adjusts, StockMove.linked)
_SPARSE_INDEXES = [StockMove.index(f, where=f.is_null(False)) for f in SPARSE_REFERENCES]
for _index in _SPARSE_INDEXES:
    StockMove.add_index(_index)


# the per-item index before it led with the month (schema step 8 replaces it)
ITEM_FIRST_INDEX = "stock_move_item_id_warehouse_id_date_time_id"


def index_moves_by_month() -> None:
    """Schema step 8: stock_move gets its month column, filled from the dates, and the
    per-item index leads with it (see StockMove.month). On a fresh file only checks."""
    if "month" not in {c.name for c in database.obj.get_columns("stock_move")}:
        execute("ALTER TABLE stock_move ADD COLUMN month VARCHAR(255) NOT NULL DEFAULT ''")
        (first,) = execute("SELECT MIN(date) FROM stock_move").fetchone()
        (last,) = execute("SELECT MAX(date) FROM stock_move").fetchone()
        if first is not None:
            with append_only_lifted("stock_move"):  # the one write to posted moves
                for month in months_from(month_of(first), month_of(last)):
                    execute(
                        "UPDATE stock_move SET month = ? WHERE date >= ? AND date < ?",
                        (month, f"{month}-01", f"{next_month(month)}-01"),
                    )
        drop_column_default("stock_move", "month")  # the rows have theirs now
    execute(f'DROP INDEX IF EXISTS "{ITEM_FIRST_INDEX}"')
    columns = ["month", "item_id", "warehouse_id", "date", "time", "id"]
    create_index_if_missing("stock_move", "stock_move_" + "_".join(columns), columns)


def use_partial_indexes() -> None:
    """Replaces the full indexes of SPARSE_REFERENCES on a database made before they
    were partial (same names; each approval then writes three index entries less)."""
    for field in SPARSE_REFERENCES:
        execute(f'DROP INDEX IF EXISTS "stock_move_{field.column_name}"')
    for index in _SPARSE_INDEXES:  # only these: a file this old has no month column yet
        database.obj.execute(StockMove._schema._create_index(index, safe=True))


class PlacedBalance(BaseModel):
    """On-hand quantity at a location or of a batch: item, warehouse, location (0 = none)
    and batch ('' = none), never both none. Stock with neither is the pool's loose_qty."""

    id = AutoField()
    item = ForeignKeyField(Item, on_delete="RESTRICT")
    warehouse = ForeignKeyField(Warehouse, on_delete="RESTRICT")
    location_id = IntegerField(default=0)
    batch_no = CharField(default="")
    qty = QtyField(default=0)

    class Meta:
        indexes = ((("item", "warehouse", "location_id", "batch_no"), True),)


# On-hand per item, warehouse, location and batch, as every reader sees it. The common
# place (no location, no batch) is kept in its cost pool's row: an approval updates that
# row anyway, and a separate balance row cost every approval ~1,000 more random pages.
# Standard SQL (a view with UNION ALL) on SQLite and PostgreSQL alike.
# A later migration that rebuilds cost_group or placed_balance, or changes the type of a
# column the view reads, must drop the view first and create it again after (SQLite
# checks every view when a rebuilt table is renamed; PostgreSQL refuses the type change).
BALANCE_VIEW = (
    "CREATE VIEW stock_balance AS "
    "SELECT item_id, warehouse_id, location_id, batch_no, qty FROM placed_balance "
    "UNION ALL "
    "SELECT item_id, warehouse_id, 0, '', loose_qty FROM cost_group "
    "WHERE batch_no = '' AND loose_qty <> 0"
)


class StockBalance(BaseModel):
    """The `stock_balance` view (read only): on-hand per item, warehouse, location
    (0 = none) and batch ('' = none); a place with nothing on hand may be absent."""

    item = ForeignKeyField(Item, on_delete="RESTRICT")
    warehouse = ForeignKeyField(Warehouse, on_delete="RESTRICT")
    location_id = IntegerField(default=0)
    batch_no = CharField(default="")
    qty = QtyField(default=0)

    class Meta:
        primary_key = False


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
    # on-hand with no location and no batch (only on the pool whose batch_no is ''):
    # the common place's balance, read through the stock_balance view
    loose_qty = QtyField(default=0)

    class Meta:
        indexes = ((("item", "warehouse", "batch_no"), True),)


class FifoLayer(BaseModel):
    """A FIFO layer still in stock (a cache of the ledger: approvals write only the layers
    that changed, re-valuation rebuilds them)."""

    id = AutoField()
    # (group, seq) is the index: a layer is found, updated or deleted by its place
    group = ForeignKeyField(CostGroup, on_delete="CASCADE", index=False)
    seq = IntegerField()  # increasing within the group; layers keep theirs when others go
    qty = QtyField()
    value = MoneyField()

    class Meta:
        indexes = ((("group", "seq"), True),)


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


def keep_loose_on_pools() -> None:
    """Schema step 7: on-hand with no location and no batch moves from its own balance
    row into its cost pool's loose_qty; the other balances move to placed_balance, and
    `stock_balance` becomes the view that unions the two. A no-op where that is done."""
    if "stock_balance" in view_names():
        return
    if "stock_balance" in table_names():
        execute(
            "INSERT INTO placed_balance (item_id, warehouse_id, location_id, batch_no, qty) "
            "SELECT item_id, warehouse_id, location_id, batch_no, qty FROM stock_balance "
            "WHERE location_id <> 0 OR batch_no <> ''"
        )
        # a pool for every loose balance (always there in a consistent ledger)
        execute(
            "INSERT INTO cost_group (item_id, warehouse_id, batch_no, qty, value, "
            "last_unit_cost, last_time, in_qty, in_value, out_qty, out_value, loose_qty) "
            "SELECT b.item_id, b.warehouse_id, '', 0, 0, 0, '', 0, 0, 0, 0, 0 "
            "FROM stock_balance b WHERE b.location_id = 0 AND b.batch_no = '' AND b.qty <> 0 "
            "AND NOT EXISTS (SELECT 1 FROM cost_group g WHERE g.item_id = b.item_id "
            "AND g.warehouse_id = b.warehouse_id AND g.batch_no = '')"
        )
        execute(
            "UPDATE cost_group SET loose_qty = (SELECT b.qty FROM stock_balance b "
            "WHERE b.item_id = cost_group.item_id AND b.warehouse_id = cost_group.warehouse_id "
            "AND b.location_id = 0 AND b.batch_no = '') "
            "WHERE batch_no = '' AND EXISTS (SELECT 1 FROM stock_balance b "
            "WHERE b.item_id = cost_group.item_id AND b.warehouse_id = cost_group.warehouse_id "
            "AND b.location_id = 0 AND b.batch_no = '')"
        )
        execute("DROP TABLE stock_balance")
    execute(BALANCE_VIEW)


def drop_move_warehouse_index() -> None:
    """Schema step 7: stock_move's warehouse index goes (see StockMove.warehouse)."""
    execute('DROP INDEX IF EXISTS "stock_move_warehouse_id"')


def index_layers_by_place() -> None:
    """Schema step 7: FIFO layers indexed by (group, seq), which also serves group reads."""
    create_index_if_missing("fifo_layer", "fifo_layer_group_id_seq", ["group_id", "seq"], True)
    execute('DROP INDEX IF EXISTS "fifo_layer_group_id"')
