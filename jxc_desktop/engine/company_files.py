"""Backing up and restoring a company file (账套备份 / 恢复).

A backup is a complete, checked copy of the company's SQLite file, made while the
company is open and in use (SQLite's online backup API; see models/db.py). Restoring
replaces a closed company file with a backup after keeping the file it replaces next
to it, so a restore can itself be undone. A backup of an older program version is
accepted (the schema is upgraded when the company is next opened); one made by a newer
version is refused. A company on a PostgreSQL server is backed up on the server
(pg_dump), not here.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from jxc_desktop.engine.errors import JxcError
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.session import is_database_url
from jxc_desktop.models import db as adapter
from jxc_desktop.models.schema import SCHEMA_VERSION


@dataclass(frozen=True)
class CompanyFile:
    """What a company file (or a backup of one) holds, read without opening it."""

    path: Path
    company: str
    schema_version: int
    documents: int
    last_date: str | None  # the latest document date, YYYY-MM-DD
    size: int  # bytes
    modified: dt.datetime

    @property
    def size_text(self) -> str:
        return f"{self.size / 1_048_576:,.1f} MB"


def _refuse_server(target) -> None:
    if is_database_url(target):
        raise JxcError(
            tr(
                "服务器（PostgreSQL）上的账套请在服务器上用 pg_dump 备份和恢复",
                "A company on a PostgreSQL server is backed up and restored on the server "
                "(pg_dump)",
            )
        )


def backup_name(company_path: str | Path, now: dt.datetime | None = None) -> str:
    """A backup's suggested file name: the company file's name and the time."""
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M")
    return f"{Path(company_path).stem}-{tr('备份', 'backup')}-{stamp}.sqlite"


def upgrade_pending(path: str | Path) -> bool:
    """Whether opening this SQLite company file will upgrade its schema first (a one-off
    that takes seconds on a large ledger: the GUI says so meanwhile). False for anything
    that is no company file of an older version; opening it says what is wrong."""
    if is_database_url(path) or not Path(path).is_file():
        return False
    try:
        facts = adapter.sqlite_file_facts(
            Path(path), {"version": "SELECT value FROM meta WHERE key = 'schema_version'"}
        )
    except sqlite3.DatabaseError:
        return False
    return facts["version"] is not None and 0 < int(facts["version"]) < SCHEMA_VERSION


def inspect(path: str | Path) -> CompanyFile:
    """Reads a company file's facts; refuses what is no company file of this program."""
    path = Path(path)
    if not path.is_file():
        raise JxcError(tr("找不到文件 {p}", "No file {p}", p=path), "file")
    try:
        facts = adapter.sqlite_file_facts(
            path,
            {
                "version": "SELECT value FROM meta WHERE key = 'schema_version'",
                "company": "SELECT name FROM company ORDER BY id LIMIT 1",
                "documents": "SELECT COUNT(*) FROM document",
                "last_date": "SELECT MAX(date) FROM document",
            },
        )
    except (
        sqlite3.DatabaseError
    ) as exc:  # SQLite's own words ("file is not a database") help no one
        raise JxcError(
            tr(
                "{p} 不是账套文件（不是数据库，或文件已损坏）",
                "{p} is not a company file (not a database, or the file is damaged)",
                p=path,
            ),
            "file",
        ) from exc
    if facts["company"] is None or facts["version"] is None:
        raise JxcError(tr("{p} 里没有账套", "{p} holds no company", p=path), "file")
    version = int(facts["version"])
    if version > SCHEMA_VERSION:
        raise JxcError(
            tr(
                "{p} 由较新版本的程序保存（结构版本 {v}），请先升级程序",
                "{p} was saved by a newer version of the program (schema {v}); upgrade first",
                p=path,
                v=version,
            ),
            "file",
        )
    stat = path.stat()
    return CompanyFile(
        path,
        facts["company"],
        version,
        facts["documents"] or 0,
        None if facts["last_date"] is None else str(facts["last_date"])[:10],
        stat.st_size,
        dt.datetime.fromtimestamp(stat.st_mtime),
    )


def backup(company_path: str | Path, target: str | Path, progress=None) -> CompanyFile:
    """Copies the company file (open or not, in use or not) to `target` (a folder: a
    file named by backup_name inside it); returns the backup's facts. progress(done,
    total) reports pages copied."""
    _refuse_server(company_path)
    source, target = Path(company_path), Path(target)
    inspect(source)  # a missing or mistyped company is refused, never created empty
    if target.is_dir():
        target = target / backup_name(source)
    if same_file(source, target):
        raise JxcError(
            tr("备份文件不能是账套文件本身", "The backup cannot be the company file itself"),
            "file",
        )
    _os_errors(lambda: target.parent.mkdir(parents=True, exist_ok=True))
    _copy(source, target, progress)
    return inspect(target)


def restore(backup_path: str | Path, company_path: str | Path, progress=None) -> Path | None:
    """Replaces a CLOSED company file with a backup.

    The file it replaces is moved aside, whole and untouched even if it is damaged, as
    NAME.before-restore-STAMP.bak (returned; None when there was no file yet), with its
    WAL beside it when SQLite could not fold that in. The backup is left as it was. A
    company another program still has open is refused before anything is moved.
    """
    source, target = Path(backup_path), Path(company_path)
    restorable(source, target)
    incoming = target.with_name(f"{target.name}.restoring")
    _copy(source, incoming, progress)  # checked; the company is untouched until here
    try:
        kept = _move_aside(target) if target.exists() else None
        _os_errors(lambda: os.replace(incoming, target))
    finally:
        incoming.unlink(missing_ok=True)
    return kept


def restorable(backup_path: str | Path, company_path: str | Path) -> CompanyFile:
    """The facts of a backup that may replace this company, or JxcError (a server
    company, a file of no company, the company file itself) before anything changes."""
    _refuse_server(company_path)
    facts = inspect(backup_path)
    if same_file(backup_path, company_path):
        raise JxcError(
            tr("不能用账套文件恢复它自己", "A company file cannot be restored from itself"),
            "file",
        )
    return facts


def _move_aside(target: Path) -> Path:
    """Renames the company file (and what SQLite keeps beside it) to a .bak name. Its
    WAL is folded in first when possible, so the .bak is one file; a damaged file keeps
    its WAL beside the .bak instead. A file in use by another program is refused."""
    try:
        adapter.empty_wal(target)
    except sqlite3.Error as exc:
        if adapter.is_busy_error(exc):
            raise JxcError(
                tr(
                    "账套 {p} 正被其他程序使用，请先关闭它们再恢复",
                    "Company {p} is open in another program; close it first, then restore",
                    p=target,
                ),
                "file",
            ) from exc
        # damaged: keep it exactly as it is, WAL and all
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    kept = target.with_name(f"{target.name}.before-restore-{stamp}.bak")
    _os_errors(lambda: os.replace(target, kept))
    wal = Path(f"{target}-wal")
    if wal.exists():
        _os_errors(lambda: os.replace(wal, f"{kept}-wal"))
    Path(f"{target}-shm").unlink(missing_ok=True)  # rebuilt from the WAL by SQLite
    return kept


def _os_errors(action):
    """Runs a file-system step; its failure (a full disk, no permission) in words."""
    try:
        return action()
    except OSError as exc:
        raise JxcError(
            tr("文件操作失败：{e}", "A file operation failed: {e}", e=exc), "file"
        ) from exc


def _copy(source: Path, target: Path, progress) -> None:
    try:
        adapter.copy_sqlite_file(source, target, progress)
    except (sqlite3.Error, OSError) as exc:
        raise JxcError(
            tr(
                "复制 {s} 到 {t} 失败：{e}",
                "Copying {s} to {t} failed: {e}",
                s=source,
                t=target,
                e=exc,
            ),
            "file",
        ) from exc


def same_file(a: str | Path, b: str | Path) -> bool:
    """One file however it is spelt (C:/a and C:\\a, a link); a server URL is no file."""
    if is_database_url(a) or is_database_url(b):
        return str(a) == str(b)
    a, b = Path(a), Path(b)
    if a.exists() and b.exists():
        return os.path.samefile(a, b)
    return a.resolve() == b.resolve()
