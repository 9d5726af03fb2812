"""Opening a company file that an older version saved: the upgrade is said while it runs."""

import sqlite3

from PySide6.QtWidgets import QApplication, QProgressDialog

from jxc_desktop.engine import company_files
from jxc_desktop.engine.company import CompanySetup, init_company
from jxc_desktop.engine.session import close_company, open_company
from jxc_desktop.models import schema
from jxc_desktop.ui import app as app_module


def _company(path, version=None):
    open_company(path, create=True)
    init_company(CompanySetup(name="测试公司", start_period="2026-01"))
    close_company()
    if version is not None:  # what an older program wrote (its tables aside)
        con = sqlite3.connect(path)
        con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(version),))
        con.commit()
        con.close()


def test_upgrade_pending_only_for_an_older_company_file(tmp_path):
    current, older = tmp_path / "current.sqlite", tmp_path / "older.sqlite"
    _company(current)
    _company(older, version=schema.SCHEMA_VERSION - 1)
    not_db = tmp_path / "notes.sqlite"
    not_db.write_text("hello", encoding="utf-8")
    assert company_files.upgrade_pending(older)
    assert not company_files.upgrade_pending(current)
    assert not company_files.upgrade_pending(not_db)
    assert not company_files.upgrade_pending(tmp_path / "missing.sqlite")


def test_the_notice_shows_while_an_older_file_opens(qtbot, tmp_path, monkeypatch):
    path = tmp_path / "older.sqlite"
    _company(path, version=schema.SCHEMA_VERSION - 1)
    seen = []
    real_open = app_module.open_company

    def opening(db_path, **kw):
        seen.extend(
            w.labelText()
            for w in QApplication.topLevelWidgets()
            if isinstance(w, QProgressDialog) and w.isVisible()
        )
        return real_open(db_path, **kw)

    monkeypatch.setattr(app_module, "open_company", opening)
    try:
        assert app_module.has_company(str(path))
        assert schema.current_version() == schema.SCHEMA_VERSION
    finally:
        close_company()
    assert len(seen) == 1 and "older.sqlite" in seen[0] and "升级" in seen[0]
    assert not [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QProgressDialog) and w.isVisible()
    ]
    seen.clear()
    try:
        assert app_module.has_company(str(path))  # upgraded now: opens without a word
    finally:
        close_company()
    assert seen == []
