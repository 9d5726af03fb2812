"""The WAL checkpointer: commits only append to the WAL; a thread of its own copies them
back into the database file, and closing the company stops it."""

import os
import sqlite3
import threading

import pytest

from jxc_desktop.engine import documents
from jxc_desktop.engine.documents import DocumentInput, LineInput
from jxc_desktop.engine.session import close_company, open_company
from jxc_desktop.models import db
from tests.inventory_helpers import day, make_item, make_warehouse

pytestmark = pytest.mark.skipif(
    bool(os.environ.get("JXC_TEST_POSTGRES")), reason="SQLite's WAL only"
)


def _threads() -> list[str]:
    return [t.name for t in threading.enumerate() if t.name == "jxc-wal-checkpoint"]


def _in_main_file(path, sql: str):
    """Reads the database file alone, ignoring the WAL (what has been checkpointed)."""
    con = sqlite3.connect(f"file:{path}?immutable=1", uri=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_approved_moves_reach_the_database_file_without_the_writer_checkpointing(company):
    assert db.checkpointer() is not None
    assert db.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == db.WAL_BACKSTOP_PAGES
    make_item("A")
    make_warehouse("W1")
    doc = documents.save_draft(
        DocumentInput("QTRK", day(1), [LineInput(item="A", qty="3", price="2")], warehouse="W1")
    )
    documents.approve(doc.id)
    # read the file only once the checkpoint the approval asked for has finished: an
    # immutable reader that races a checkpoint's writes may see a half-copied file
    assert db.checkpointer().wait_idle(10)
    assert db.checkpointer().checkpoints >= 1
    rows = _in_main_file(company, f"SELECT qty FROM stock_move WHERE document_id = {doc.id}")
    assert rows == [(30000,)], "the approval's move never reached the database file"


def test_closing_the_company_stops_the_thread(tmp_path):
    path = tmp_path / "c.sqlite"
    open_company(path, create=True)
    assert _threads() == ["jxc-wal-checkpoint"]
    close_company()
    assert _threads() == []
    assert db.checkpointer() is None
