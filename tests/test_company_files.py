"""账套备份 / 恢复: a backup is a complete checked copy of a company in use; a restore
replaces a closed company file and keeps the one it replaced."""

from __future__ import annotations

import os
import sqlite3
from decimal import Decimal

import pytest
from inventory_helpers import day, doc, make_item, make_warehouse, on_hand

from jxc_desktop.engine import company_files
from jxc_desktop.engine.checks import run_all
from jxc_desktop.engine.errors import JxcError
from jxc_desktop.engine.session import close_company, open_company
from jxc_desktop.models.db import checkpointer

pytestmark = pytest.mark.skipif(
    bool(os.environ.get("JXC_TEST_POSTGRES")), reason="SQLite company files"
)


def _stock(company):
    make_item("A")
    make_warehouse("W1")
    doc("QTRK", day(1), [("A", 10, "2.50")])


def test_a_backup_of_a_company_in_use_holds_what_is_still_in_the_wal(company, tmp_path):
    _stock(company)
    checkpointer().stop()  # nothing copied back into the file: all of it is in the WAL
    doc("QTCK", day(2), [("A", 3)])
    target = tmp_path / "copies" / "backup.sqlite"
    steps = []
    facts = company_files.backup(company, target, lambda done, total: steps.append((done, total)))
    assert facts.company == "测试公司" and facts.documents == 2 and facts.last_date == "2026-01-02"
    assert steps and steps[-1][0] == steps[-1][1]  # every page copied
    assert not (tmp_path / "copies" / "backup.sqlite-wal").exists()
    assert not (tmp_path / "copies" / "backup.sqlite.part").exists()
    assert target.read_bytes()[18] == 1  # a rollback-journal file: self-contained
    close_company()
    open_company(target)
    assert on_hand("A") == Decimal("7") and run_all() == []


def test_restore_brings_back_the_backup_and_keeps_the_file_it_replaced(company, tmp_path):
    _stock(company)
    saved = company_files.backup(company, tmp_path / "b.sqlite")
    doc("QTCK", day(2), [("A", 4)])  # after the backup: gone once restored
    close_company()
    kept = company_files.restore(saved.path, company)
    assert kept is not None and kept.name.startswith("company.sqlite.before-restore-")
    assert company_files.inspect(kept).documents == 2  # the replaced file, whole
    open_company(company)
    assert on_hand("A") == Decimal("10") and run_all() == []
    assert company_files.inspect(saved.path).documents == 1  # the backup is left alone


def test_a_restore_into_a_new_file_keeps_nothing(company, tmp_path):
    _stock(company)
    saved = company_files.backup(company, tmp_path / "b.sqlite")
    close_company()
    fresh = tmp_path / "elsewhere" / "new.sqlite"
    fresh.parent.mkdir()
    assert company_files.restore(saved.path, fresh) is None
    assert company_files.inspect(fresh).company == "测试公司"


def test_what_is_no_company_file_is_refused_before_anything_changes(company, tmp_path):
    notes = tmp_path / "notes.sqlite"
    notes.write_text("这不是数据库" * 200, encoding="utf-8")
    empty = tmp_path / "empty.sqlite"
    sqlite3.connect(empty).execute("CREATE TABLE t (x)").connection.close()
    close_company()
    before = company.read_bytes()
    for path, words in (
        (notes, "不是账套文件"),
        (empty, "里没有账套"),
        (tmp_path / "missing.sqlite", "找不到文件"),
    ):
        with pytest.raises(JxcError, match=words):
            company_files.restore(path, company)
    assert company.read_bytes() == before
    assert not list(tmp_path.glob("*.bak")) and not list(tmp_path.glob("*.restoring*"))


def test_a_backup_of_a_newer_program_is_refused(company, tmp_path):
    saved = company_files.backup(company, tmp_path / "b.sqlite")
    con = sqlite3.connect(saved.path)
    con.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    con.commit()
    con.close()
    with pytest.raises(JxcError, match="结构版本 99"):
        company_files.inspect(saved.path)


def test_a_backup_cannot_overwrite_the_company_itself(company):
    with pytest.raises(JxcError, match="不能是账套文件本身"):
        company_files.backup(company, company)
    with pytest.raises(JxcError, match="pg_dump"):
        company_files.backup("postgresql://u:p@host/db", "x.sqlite")


def test_a_failed_copy_leaves_no_half_written_file(company, tmp_path):
    def stop(done, total):
        raise KeyboardInterrupt  # the copy stops half-way

    with pytest.raises(KeyboardInterrupt):
        company_files.backup(company, tmp_path / "b.sqlite", stop)
    assert not (tmp_path / "b.sqlite").exists() and not (tmp_path / "b.sqlite.part").exists()


def test_backup_name_names_the_company_file_and_the_time():
    import datetime as dt

    when = dt.datetime(2026, 11, 26, 9, 5)
    assert company_files.backup_name("/data/华兴.sqlite", when) == "华兴-备份-20261126-0905.sqlite"


def test_jxc_backup_and_restore(company, tmp_path, capsys):
    from jxc_desktop.cli import main

    _stock(company)
    close_company()
    assert main(["--db", str(company), "backup"]) == 0
    (made,) = tmp_path.glob("company-备份-*.sqlite")  # beside the company file by default
    assert f"已备份账套“测试公司”到 {made}" in capsys.readouterr().out
    open_company(company)
    doc("QTCK", day(2), [("A", 10)])
    close_company()
    assert main(["--db", str(company), "restore", str(made)]) == 0
    out = capsys.readouterr().out
    assert "恢复账套“测试公司”" in out and "原账套文件另存为" in out
    open_company(company)
    assert on_hand("A") == Decimal("10")
    close_company()
    assert main(["--lang", "en", "--db", str(company), "restore", str(tmp_path / "no.sqlite")]) == 1
    assert "No file" in capsys.readouterr().err


def test_a_damaged_company_can_still_be_restored_and_is_kept_as_it_was(company, tmp_path):
    _stock(company)
    saved = company_files.backup(company, tmp_path / "b.sqlite")
    close_company()
    damaged = b"SQLite format 3\x00" + b"\xff" * 8000  # a header, then nothing readable
    company.write_bytes(damaged)
    kept = company_files.restore(saved.path, company)
    assert kept.read_bytes() == damaged  # moved aside untouched, for whoever wants it
    open_company(company)
    assert on_hand("A") == Decimal("10") and run_all() == []


def test_a_company_open_elsewhere_is_refused_and_nothing_moves(company, tmp_path):
    _stock(company)
    saved = company_files.backup(company, tmp_path / "b.sqlite")
    other = sqlite3.connect(company)  # another program, in the middle of reading
    other.execute("BEGIN")
    other.execute("SELECT COUNT(*) FROM stock_move").fetchone()
    try:
        with pytest.raises(JxcError, match="正被其他程序使用"):
            company_files.restore(saved.path, company)
    finally:
        other.close()
    assert company.exists() and not list(tmp_path.glob("*.bak"))
    assert not list(tmp_path.glob("*.restoring"))


def test_a_backup_of_a_missing_company_creates_nothing(tmp_path):
    typo = tmp_path / "typo.sqlite"
    with pytest.raises(JxcError, match="找不到文件"):
        company_files.backup(typo, tmp_path / "b.sqlite")
    assert not typo.exists() and not (tmp_path / "b.sqlite").exists()


def test_a_backup_into_a_folder_is_named_there(company, tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    facts = company_files.backup(company, folder)
    assert facts.path.parent == folder and facts.path.name.startswith("company-备份-")


def test_jxc_restore_notes_a_backup_of_another_company(company, tmp_path, capsys):
    from jxc_desktop.cli import main

    close_company()  # before another file is opened: its connection would stay behind
    other = tmp_path / "other.sqlite"
    assert main(["--db", str(other), "init", "--name", "别的公司"]) == 0
    capsys.readouterr()
    assert main(["--db", str(company), "restore", str(other)]) == 0
    assert "备份是另一个账套“别的公司”，不是“测试公司”" in capsys.readouterr().err
    open_company(company)
