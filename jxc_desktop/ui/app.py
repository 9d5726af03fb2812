"""`jxc-desktop`: the GUI entry point.

    jxc-desktop [--db FILE] [--lang zh_CN|en]

Loads the bundled CJK font (so Chinese renders on machines without one), picks the
language, opens the company file — or runs the first-run wizard when there is none —
and shows the main window.
"""

from __future__ import annotations

import argparse
import contextlib
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from peewee import DatabaseError
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QWizard

from jxc_desktop.engine import company_files
from jxc_desktop.engine.errors import JxcError
from jxc_desktop.engine.session import (
    close_company,
    default_db_path,
    is_database_url,
    open_company,
)
from jxc_desktop.models.company import Company
from jxc_desktop.ui.i18n import ROOT, apply_language, tr

FONT_PATH = ROOT / "resources" / "fonts" / "wqy-microhei.ttc"


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="jxc-desktop", description="jxc 进销存")
    parser.add_argument("--db", default=None, help="company database file")
    parser.add_argument("--lang", choices=["zh_CN", "en"], default=None)
    # for installer/build.sh: a bundle that lacks a module fails here, not at a user's desk
    parser.add_argument("--smoke-test", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def install_cjk_font(app: QApplication) -> str | None:
    """Adds the bundled font and puts it behind the platform font as the CJK fallback."""
    font_id = QFontDatabase.addApplicationFont(str(FONT_PATH)) if FONT_PATH.exists() else -1
    if font_id < 0:
        return None
    family = QFontDatabase.applicationFontFamilies(font_id)[0]
    font = QFont(app.font())
    font.setFamilies([app.font().family(), family])
    app.setFont(font)
    return family


def app_settings() -> QSettings:
    return QSettings("jxc_desktop", "jxc_desktop")


def last_company(settings: QSettings) -> str | None:
    """The company file opened last (文件 › 打开账套 remembers it), if it is still there."""
    path = str(settings.value("company/path", "") or "")
    return path if path and Path(path).is_file() else None


@contextlib.contextmanager
def upgrade_notice(db_path: str):
    """Says that the company file is being upgraded while it is. The upgrade runs where
    the company is opened, on this thread: once per file and program version, seconds on
    a large ledger, with the window otherwise showing nothing at all."""
    if not company_files.upgrade_pending(db_path):
        yield
        return
    notice = QProgressDialog(
        tr("正在升级账套文件 {name} 的数据结构。\n每个版本只需一次，请稍候…").format(
            name=Path(db_path).name
        ),
        "",
        0,
        0,
    )
    notice.setWindowTitle(tr("升级账套"))
    notice.setCancelButton(None)
    notice.setWindowModality(Qt.WindowModality.ApplicationModal)
    notice.setMinimumDuration(0)
    notice.setMinimumWidth(420)
    notice.show()
    QApplication.processEvents()  # painted before the thread is busy
    try:
        yield
    finally:
        notice.close()
        notice.deleteLater()


def has_company(db_path: str) -> bool:
    """Opens an existing file; False when it does not exist or holds no company yet."""
    if not is_database_url(db_path) and not Path(db_path).exists():
        return False
    with upgrade_notice(db_path):
        open_company(db_path)
    if Company.select().exists():
        return True
    close_company()
    return False


def open_or_setup(db_path: str) -> bool:
    """The company is open afterwards, or False when the user cancelled the wizard."""
    if has_company(db_path):
        return True
    from jxc_desktop.ui.wizard import FirstRunWizard

    wizard = FirstRunWizard(db_path)
    return wizard.exec() == QWizard.DialogCode.Accepted and wizard.created


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName("jxc_desktop")
    app.setApplicationName("jxc_desktop")
    install_cjk_font(app)
    # the smoke test leaves the user's remembered tabs, columns and language alone
    settings = _scratch_settings() if args.smoke_test else app_settings()
    language = args.lang or str(settings.value("language", "zh_CN"))
    language_loaded = apply_language(language)
    if not language_loaded:
        apply_language("zh_CN")
    db_path = args.db or last_company(settings) or str(default_db_path())
    if not is_database_url(db_path):
        db_path = str(Path(db_path).expanduser().resolve())
    try:
        if not open_or_setup(db_path):
            return 0
    except JxcError as exc:
        QMessageBox.critical(None, tr("无法打开账套"), exc.message)
        return 1
    except (DatabaseError, sqlite3.DatabaseError) as exc:  # not a company file at all
        text = tr("{path} 不是有效的账套数据库：{e}").format(path=db_path, e=exc)
        QMessageBox.critical(None, tr("无法打开账套"), text)
        return 1
    from jxc_desktop.ui.main_window import MainWindow

    window = MainWindow(db_path, settings)
    window.show()
    if args.smoke_test:
        return _smoke_test(app, window, [] if language_loaded else [f"no {language} text"])
    code = app.exec()
    close_company()
    return code


def _scratch_settings() -> QSettings:
    folder = tempfile.mkdtemp(prefix="jxc-smoke-")
    return QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)


def _smoke_test(app: QApplication, window, raised: list) -> int:
    """Shows every module tab once, then closes: 0 when nothing raised (Qt reports an
    exception in a slot through sys.excepthook and carries on, so it is counted there)."""
    from jxc_desktop.ui import ops as ops_module

    previous, shown = sys.excepthook, ops_module.report_error
    sys.excepthook = lambda *exc: (raised.append(exc), previous(*exc))
    # a background job's error (the 首页 counts) is a message box, not an exception
    ops_module.report_error = lambda parent, exc: (raised.append(exc), shown(parent, exc))
    try:
        for index in range(window.tabs.count()):
            window.tabs.setCurrentIndex(index)
            app.processEvents()
        deadline = time.monotonic() + 30
        while window.ops.busy() and time.monotonic() < deadline:  # the jobs the tabs started
            app.processEvents()
            time.sleep(0.01)
        window.close()
    finally:
        sys.excepthook, ops_module.report_error = previous, shown
    close_company()
    print(f"smoke test: {window.tabs.count()} tabs shown, {len(raised)} errors")
    return 1 if raised else 0


if __name__ == "__main__":
    sys.exit(main())
