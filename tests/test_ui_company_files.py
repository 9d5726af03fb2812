"""文件 › 新建账套 / 打开账套 / 备份账套 / 恢复账套, driven through the main window."""

from __future__ import annotations

import os

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWizard
from ui_helpers import make_item, make_window, ui_settings

from jxc_desktop.engine import company_files
from jxc_desktop.engine.session import close_company, open_company
from jxc_desktop.models.masterdata import Item
from jxc_desktop.ui import messages
from jxc_desktop.ui.main_window import MainWindow

pytestmark = pytest.mark.skipif(
    bool(os.environ.get("JXC_TEST_POSTGRES")), reason="SQLite company files"
)


def _answer(monkeypatch, dialog: str, path) -> None:
    monkeypatch.setattr(QFileDialog, dialog, lambda *args, **kw: (str(path), ""))


def _new_window(qtbot, old: MainWindow) -> MainWindow:
    qtbot.waitUntil(lambda: MainWindow.current is not None and MainWindow.current is not old)
    window = MainWindow.current
    qtbot.addWidget(window)
    return window


@pytest.fixture(autouse=True)
def _forget_windows():
    MainWindow.current = None
    messages.shown.clear()
    yield
    MainWindow.current = None


def test_backup_from_the_file_menu(qtbot, company, tmp_path, monkeypatch):
    window = make_window(qtbot, company, tmp_path)
    make_item("A1", "螺丝")
    target = tmp_path / "copies" / "b.sqlite"
    seen = []
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *args: seen.append(args[2]) or (str(target), "")
    )
    window.actions_by_name["actBackup"].trigger()
    qtbot.waitUntil(lambda: any("已备份到" in b.text() for b in messages.shown), timeout=10_000)
    assert seen[0].startswith(str(tmp_path / "company-备份-"))  # suggested beside the file
    assert "测试公司" in messages.shown[-1].text()
    facts = company_files.inspect(target)
    assert facts.company == "测试公司"
    assert window.db_path == str(company)  # still open and in use


def test_open_another_company_replaces_the_window(qtbot, company, tmp_path, monkeypatch):
    other = tmp_path / "other.sqlite"
    company_files.backup(company, other)
    window = make_window(qtbot, company, tmp_path)
    window.select_tab("reports")
    qtbot.waitUntil(lambda: not window.ops.user_busy())  # switching waits for the user's jobs
    _answer(monkeypatch, "getOpenFileName", other)
    window.actions_by_name["actOpenCompany"].trigger()
    new = _new_window(qtbot, window)
    assert new.db_path == str(other) and str(other) in new.status_labels["db"].text()
    assert not window.isVisible()
    assert new.current_key() == "home"  # another company starts on 首页
    assert ui_settings(tmp_path).value("company/path") == str(other)


def test_a_file_that_is_no_company_is_refused_and_nothing_closes(
    qtbot, company, tmp_path, monkeypatch
):
    notes = tmp_path / "notes.sqlite"
    notes.write_text("不是账套" * 100, encoding="utf-8")
    window = make_window(qtbot, company, tmp_path)
    _answer(monkeypatch, "getOpenFileName", notes)
    window.actions_by_name["actOpenCompany"].trigger()
    assert "不是账套文件" in messages.shown[-1].text()
    assert MainWindow.current is None and window.isVisible()
    assert Item.select().count() == 0  # the company is still open


def test_restore_replaces_the_company_after_asking(qtbot, company, tmp_path, monkeypatch):
    window = make_window(qtbot, company, tmp_path)
    make_item("BEFORE", "备份前")
    saved = company_files.backup(company, tmp_path / "saved.sqlite")
    make_item("AFTER", "备份后")
    _answer(monkeypatch, "getOpenFileName", saved.path)
    window.actions_by_name["actRestore"].trigger()
    question = messages.shown[-1]
    assert "用这个备份替换当前账套" in question.text() and "单据 0 张" in question.text()
    accept = next(b for b in question.buttons() if question.buttonRole(b) == QMessageBox.AcceptRole)
    accept.click()
    new = _new_window(qtbot, window)
    assert new.db_path == str(company)
    assert [i.code for i in Item.select()] == ["BEFORE"]
    assert "恢复前的账套文件另存为" in messages.shown[-1].text()
    (kept,) = tmp_path.glob("company.sqlite.before-restore-*.bak")
    close_company()
    open_company(kept)
    assert sorted(i.code for i in Item.select()) == ["AFTER", "BEFORE"]
    close_company()
    open_company(company)


def test_new_company_runs_the_wizard_and_a_cancel_goes_back(qtbot, company, tmp_path, monkeypatch):
    from jxc_desktop.ui.wizard import FirstRunWizard

    window = make_window(qtbot, company, tmp_path)
    monkeypatch.setattr(FirstRunWizard, "exec", lambda self: QWizard.DialogCode.Rejected)
    _answer(monkeypatch, "getSaveFileName", tmp_path / "cancelled")
    window.actions_by_name["actNewCompany"].trigger()
    back = _new_window(qtbot, window)
    assert back.db_path == str(company)

    def fill_in(self):
        self.choice.demo.setChecked(False)
        self.choice.new.setChecked(True)
        self.details.initializePage()
        self.details.name.setText("新公司")
        assert self.details.validatePage(), self.details.error.text()
        return QWizard.DialogCode.Accepted

    monkeypatch.setattr(FirstRunWizard, "exec", fill_in)
    _answer(monkeypatch, "getSaveFileName", tmp_path / "fresh")  # .sqlite is added
    back.actions_by_name["actNewCompany"].trigger()
    new = _new_window(qtbot, back)
    assert new.db_path == str(tmp_path / "fresh.sqlite")
    assert "新公司" in new.status_labels["company"].text()


def test_the_app_opens_the_company_used_last(qtbot, company, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QApplication

    from jxc_desktop.ui import app as app_module
    from jxc_desktop.ui.i18n import apply_language

    settings = ui_settings(tmp_path)
    settings.setValue("company/path", str(company))
    monkeypatch.setattr(app_module, "app_settings", lambda: settings)
    opened = []

    def look(app):
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.isVisible():
                opened.append(widget.db_path)
                widget.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", look)
    try:
        assert app_module.main([]) == 0
    finally:
        apply_language("zh_CN")
    assert opened == [str(company)]


def test_restore_refuses_the_open_file_before_asking(qtbot, company, tmp_path, monkeypatch):
    window = make_window(qtbot, company, tmp_path)
    _answer(monkeypatch, "getOpenFileName", company)
    window.actions_by_name["actRestore"].trigger()
    assert "不能用账套文件恢复它自己" in messages.shown[-1].text()
    assert MainWindow.current is None and window.isVisible()


def test_restoring_another_companys_backup_says_so(qtbot, company, tmp_path, monkeypatch):
    other = tmp_path / "other.sqlite"
    company_files.backup(company, other)
    import sqlite3

    con = sqlite3.connect(other)
    con.execute("UPDATE company SET name = '别的公司'")
    con.commit()
    con.close()
    window = make_window(qtbot, company, tmp_path)
    _answer(monkeypatch, "getOpenFileName", other)
    window.actions_by_name["actRestore"].trigger()
    text = messages.shown[-1].text()
    assert "当前：账套“测试公司”" in text
    assert "注意：备份是另一个账套“别的公司”，不是当前的“测试公司”" in text
    messages.shown[-1].reject()
    assert MainWindow.current is None


def test_a_failed_restore_says_why_and_reopens_the_company(qtbot, company, tmp_path, monkeypatch):
    window = make_window(qtbot, company, tmp_path)
    make_item("KEEP", "留着")
    saved = company_files.backup(company, tmp_path / "saved.sqlite")

    def disk_full(*args, **kw):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(company_files, "restore", disk_full)
    _answer(monkeypatch, "getOpenFileName", saved.path)
    window.actions_by_name["actRestore"].trigger()
    question = messages.shown[-1]
    next(b for b in question.buttons() if question.buttonRole(b) == QMessageBox.AcceptRole).click()
    new = _new_window(qtbot, window)
    assert new.db_path == str(company) and new.isEnabled()
    assert any(
        "No space left" in b.text() or "No space left" in b.detailedText() for b in messages.shown
    )
    assert [i.code for i in Item.select()] == ["KEEP"]  # open again, nothing lost
