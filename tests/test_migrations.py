"""Schema upgrades: an old database upgrades in place to exactly what a fresh one is."""

import sqlite3
from pathlib import Path

import pytest

from jxc_desktop.engine.company import CompanySetup, init_company
from jxc_desktop.engine.errors import SchemaError
from jxc_desktop.engine.session import close_company, open_company
from jxc_desktop.models import schema
from jxc_desktop.models.db import schema_signature
from jxc_desktop.models.masterdata import Unit

FIXTURE = Path(__file__).parent / "fixtures" / "company_v1.sql"


def _load_fixture(path: Path) -> None:
    con = sqlite3.connect(path)
    con.executescript(FIXTURE.read_text(encoding="utf-8"))
    con.close()


def test_version_1_file_upgrades_to_the_fresh_schema(tmp_path):
    old = tmp_path / "old.sqlite"
    _load_fixture(old)
    open_company(old)
    try:
        assert schema.current_version() == schema.SCHEMA_VERSION
        upgraded = schema_signature()
        assert Unit.select().where(Unit.name == "箱").exists()  # data survives
    finally:
        close_company()
    backups = list(tmp_path.glob("old.sqlite.v1.*.bak"))
    assert len(backups) == 1
    fresh = tmp_path / "fresh.sqlite"
    open_company(fresh, create=True)
    try:
        init_company(CompanySetup(name="新公司", start_period="2026-01"))
        assert schema_signature() == upgraded
    finally:
        close_company()


def test_a_failed_step_rolls_back_and_keeps_the_old_version(tmp_path, monkeypatch):
    old = tmp_path / "old.sqlite"
    _load_fixture(old)

    def broken():
        raise RuntimeError("step failed")

    monkeypatch.setitem(schema.STEPS, 2, broken)
    with pytest.raises(RuntimeError):
        open_company(old)
    close_company()
    con = sqlite3.connect(old)
    assert con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == ("1",)
    con.close()


def test_newer_file_is_refused(tmp_path):
    path = tmp_path / "new.sqlite"
    _load_fixture(path)
    con = sqlite3.connect(path)
    con.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    con.commit()
    con.close()
    with pytest.raises(SchemaError):
        open_company(path)
    close_company()
