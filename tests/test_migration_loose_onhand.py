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


def _as_version_6(path) -> None:
    """Rewrites a version-7 file into the version-6 layout: one stock_balance table holding
    every place (the loose ones too), no placed_balance, no loose_qty column, FIFO layers
    indexed by group only."""
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
        "UPDATE meta SET value = '6' WHERE key = 'schema_version';"
    )
    # the old layout also kept places that went back to zero
    con.executemany(
        "INSERT INTO stock_balance (item_id, warehouse_id, location_id, batch_no, qty) "
        "VALUES (?, ?, ?, ?, ?)",
        [*rows, (2, 2, 0, "", 0)],
    )
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
