"""Schema step 7: a file whose on-hand lived in one stock_balance table upgrades to the
loose on-hand on the cost pools plus placed_balance, with every balance unchanged."""

import sqlite3

from inventory_helpers import day, doc, make_item, make_warehouse

from jxc_desktop.engine.checks import run_all
from jxc_desktop.engine.company import CompanySetup, init_company
from jxc_desktop.engine.documents import LineInput
from jxc_desktop.engine.i18n import set_language
from jxc_desktop.engine.session import close_company, open_company
from jxc_desktop.models import schema
from jxc_desktop.models.db import execute, schema_signature
from jxc_desktop.models.masterdata import Item, Warehouse

BALANCES = "SELECT item_id, warehouse_id, location_id, batch_no, qty FROM stock_balance"


def _history() -> None:
    make_warehouse("W1", locations=["A-01"])
    make_warehouse("W2")
    make_item("A")
    make_item("B", method="fifo")
    make_item("M", method="specific", batch=True, shelf_life=30)
    doc("QTRK", day(1), [("A", 10, "1.00"), ("B", 4, "2.50")], warehouse="W2")
    doc("QTCK", day(2), [("A", 3)], warehouse="W2")
    doc("DBD", day(3), [("B", 4)], warehouse="W2", dest="W1")  # B's W2 place reaches 0
    doc(
        "QTRK",
        day(3),
        [
            LineInput(item="A", qty="2", price="1", location="A-01"),
            LineInput(item="M", qty="5", price="3", batch_no="L1", production_date=day(1)),
        ],
    )


def _as_version_6(path, lose_layers=False) -> None:
    """Rewrites a version-7 file into the version-6 layout: one stock_balance table holding
    every place (the loose ones too), no placed_balance, no loose_qty column, FIFO layers
    indexed by group only, stock_move indexed by warehouse, with no month column and its
    per-item index led by the item."""
    con = sqlite3.connect(path)
    rows = con.execute(BALANCES).fetchall()
    con.executescript(
        "DROP VIEW stock_balance;"
        'CREATE TABLE "stock_balance" ("id" INTEGER NOT NULL PRIMARY KEY, '
        '"item_id" INTEGER NOT NULL, "warehouse_id" INTEGER NOT NULL, '
        '"location_id" INTEGER NOT NULL, "batch_no" VARCHAR(255) NOT NULL, '
        '"qty" INTEGER NOT NULL, FOREIGN KEY ("item_id") REFERENCES "item" ("id"), '
        'FOREIGN KEY ("warehouse_id") REFERENCES "warehouse" ("id"));'
        'CREATE UNIQUE INDEX "stockbalance_item_id_warehouse_id_location_id_batch_no" '
        'ON "stock_balance" ("item_id", "warehouse_id", "location_id", "batch_no");'
        "DROP TABLE placed_balance;"
        "ALTER TABLE cost_group DROP COLUMN loose_qty;"
        'DROP INDEX "fifo_layer_group_id_seq";'
        'CREATE INDEX "fifo_layer_group_id" ON "fifo_layer" ("group_id");'
        'CREATE INDEX "stock_move_warehouse_id" ON "stock_move" ("warehouse_id");'
        'DROP INDEX "stock_move_month_item_id_warehouse_id_date_time_id";'
        "ALTER TABLE stock_move DROP COLUMN month;"
        'CREATE INDEX "stock_move_item_id_warehouse_id_date_time_id" ON "stock_move" '
        '("item_id", "warehouse_id", "date", "time", "id");'
        "UPDATE meta SET value = '6' WHERE key = 'schema_version';"
    )
    # the old layout also kept places that went back to zero
    con.executemany(
        "INSERT INTO stock_balance (item_id, warehouse_id, location_id, batch_no, qty) "
        "VALUES (?, ?, ?, ?, ?)",
        [*rows, (2, 2, 0, "", 0)],
    )
    if lose_layers:  # what step 5's table rebuild did to files upgraded from version 4
        con.execute("DELETE FROM fifo_layer")
        con.execute("DELETE FROM periodic_cost")
    con.commit()
    con.close()


def test_step_7_keeps_every_balance_and_the_ledger_checks_clean(tmp_path):
    set_language("zh_CN")
    path = tmp_path / "company.sqlite"
    open_company(path, create=True)
    init_company(CompanySetup(name="测试公司", start_period="2026-01"))
    _history()
    before = sorted(execute(BALANCES).fetchall())
    layers = execute("SELECT group_id, seq, qty, value FROM fifo_layer").fetchall()
    fresh = schema_signature()
    close_company()
    assert len(before) == 4  # A in W2 and at A-01, B in W1, M's batch L1

    _as_version_6(path)
    open_company(path)
    try:
        assert schema.current_version() == schema.SCHEMA_VERSION
        assert sorted(execute(BALANCES).fetchall()) == before
        # adding loose_qty must not rebuild cost_group: its drop would cascade to these
        assert execute("SELECT group_id, seq, qty, value FROM fifo_layer").fetchall() == layers
        assert layers
        assert schema_signature() == fresh
        assert run_all() == []
        # the upgraded file keeps posting through the new layout
        doc("QTCK", day(4), [("A", 7)], warehouse="W2")
        a, w2 = Item.get(Item.code == "A").id, Warehouse.get(Warehouse.code == "W2").id
        assert [r for r in execute(BALANCES) if r[:2] == (a, w2)] == []  # nothing left there
        assert run_all() == []
    finally:
        close_company()
    assert list(tmp_path.glob("company.sqlite.v6.*.bak"))


def test_step_7_rebuilds_fifo_layers_an_earlier_upgrade_lost(tmp_path):
    set_language("zh_CN")
    path = tmp_path / "company.sqlite"
    open_company(path, create=True)
    init_company(CompanySetup(name="测试公司", start_period="2026-01"))
    make_warehouse("W1")
    make_item("F", method="fifo")
    doc("QTRK", day(1), [("F", 10, "1.00")])
    doc("QTRK", day(2), [("F", 10, "2.00")])
    doc("QTCK", day(3), [("F", 4)])
    layers = execute("SELECT qty, value FROM fifo_layer ORDER BY seq").fetchall()
    close_company()
    assert layers == [(60_000, 600), (100_000, 2000)]

    _as_version_6(path, lose_layers=True)
    open_company(path)
    try:
        assert execute("SELECT qty, value FROM fifo_layer ORDER BY seq").fetchall() == layers
        assert run_all() == []
        doc("QTCK", day(4), [("F", 8)])  # 6 at 1.00, then 2 at 2.00: the layers count
        assert execute("SELECT value FROM stock_move ORDER BY id DESC").fetchone() == (-1000,)
    finally:
        close_company()


def test_add_column_if_missing_adds_not_null_columns_with_their_default(company):
    """No table rebuild (its DROP would cascade) and literals both databases take."""
    from peewee import BooleanField, CharField, IntegerField

    from jxc_desktop.models.base import BaseModel
    from jxc_desktop.models.db import add_column_if_missing, database

    class Probe(BaseModel):
        name = CharField(default="")

    database.obj.create_tables([Probe])
    Probe.create(name="x")

    class Probe2(BaseModel):
        name = CharField(default="")
        flag = BooleanField(default=True)
        count = IntegerField(default=3, index=True)
        label = CharField(default="it's")

        class Meta:
            table_name = "probe"

    for column in ("flag", "count", "label"):
        add_column_if_missing(Probe2, column)
    row = Probe2.get()
    assert (row.flag, row.count, row.label) == (True, 3, "it's")
    assert "probe_count" in {i.name for i in database.obj.get_indexes("probe")}


def test_step_7_restores_settled_periodic_costs_an_earlier_upgrade_lost(tmp_path):
    from decimal import Decimal

    from jxc_desktop.engine.finance import closing
    from jxc_desktop.models.stock import PeriodicCost
    from tests.finance_helpers import setup_basic, trade_doc

    set_language("zh_CN")
    path = tmp_path / "company.sqlite"
    open_company(path, create=True)
    init_company(CompanySetup(name="测试公司", start_period="2026-01"))
    setup_basic()
    make_item("P", method="periodic")
    doc("QCKC", day(1), [("P", 10, "10")])
    trade_doc("XSCK", day(5), [("P", 5, "30", "13")], partner="C1")
    trade_doc("CGRK", day(10), [("P", 10, "16", "13")], partner="S1")
    closing.close("2026-01")
    assert PeriodicCost.get().unit_cost == Decimal("13")
    close_company()

    _as_version_6(path, lose_layers=True)
    open_company(path)
    try:
        assert [(c.period, c.unit_cost) for c in PeriodicCost.select()] == [
            ("2026-01", Decimal("13"))
        ]
        assert run_all() == []
    finally:
        close_company()
