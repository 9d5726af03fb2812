"""Schema step 8: a file whose per-item ledger index began with the item gets
stock_move.month, filled from each move's date, and the index that leads with it."""

import datetime as dt
import sqlite3

import pytest
from inventory_helpers import doc, make_item, make_warehouse

from jxc_desktop.engine.checks import run_all
from jxc_desktop.engine.company import CompanySetup, init_company
from jxc_desktop.engine.i18n import set_language
from jxc_desktop.engine.reports import ReportParams
from jxc_desktop.engine.reports.stock import ledger_rows
from jxc_desktop.engine.session import close_company, open_company
from jxc_desktop.models import schema
from jxc_desktop.models.db import execute, schema_signature
from jxc_desktop.models.stock import ITEM_FIRST_INDEX

MONTH_INDEX = "stock_move_month_item_id_warehouse_id_date_time_id"


def _as_version_7(path) -> None:
    """Rewrites a current file into the version-7 layout: no month column, the per-item
    index (item, warehouse, date, time, id)."""
    con = sqlite3.connect(path)
    con.executescript(
        f'DROP INDEX "{MONTH_INDEX}";'
        "ALTER TABLE stock_move DROP COLUMN month;"
        f'CREATE INDEX "{ITEM_FIRST_INDEX}" ON "stock_move" '
        '("item_id", "warehouse_id", "date", "time", "id");'
        "UPDATE meta SET value = '7' WHERE key = 'schema_version';"
    )
    con.commit()
    con.close()


def test_step_8_files_every_move_under_its_month(tmp_path):
    set_language("zh_CN")
    path = tmp_path / "company.sqlite"
    open_company(path, create=True)
    init_company(CompanySetup(name="测试公司", start_period="2026-01"))
    make_warehouse("W1")
    make_item("A")
    doc("QTRK", dt.date(2026, 1, 31), [("A", 10, "2.00")])
    doc("QTCK", dt.date(2026, 3, 1), [("A", 4)])
    doc("QTRK", dt.date(2026, 2, 1), [("A", 6, "3.00")])  # backdated: a reval in March
    before = ledger_rows(ReportParams(item="A"))
    fresh = schema_signature()
    close_company()

    _as_version_7(path)
    open_company(path)
    try:
        assert schema.current_version() == schema.SCHEMA_VERSION
        rows = execute("SELECT date, month FROM stock_move ORDER BY id").fetchall()
        assert [(str(d), m) for d, m in rows] == [
            ("2026-01-31", "2026-01"),
            ("2026-03-01", "2026-03"),
            ("2026-02-01", "2026-02"),
            ("2026-03-01", "2026-03"),
        ]
        assert ledger_rows(ReportParams(item="A")) == before
        assert run_all() == []
        assert schema_signature() == fresh
        indexes = {r[0] for r in execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert MONTH_INDEX in indexes and ITEM_FIRST_INDEX not in indexes
        with pytest.raises(Exception, match="append-only"):  # the guard is back
            execute("UPDATE stock_move SET month = '2026-01'")
    finally:
        close_company()
    assert len(list(tmp_path.glob("company.sqlite.v7.*.bak"))) == 1
