"""文件 › 新建账套 / 打开账套 / 备份账套 / 恢复账套: the company file itself.

Opening another company replaces the main window (MainWindow.switch_company). A backup
runs on the Ops worker while the company stays open; a restore must run while NO
company is open (the file is replaced), so it runs on a thread of its own behind a
window-modal progress dialog (run_with_progress).
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFileDialog, QProgressDialog, QWidget

from jxc_desktop.engine import company_files
from jxc_desktop.engine.errors import JxcError
from jxc_desktop.engine.session import default_db_path, is_database_url
from jxc_desktop.ui import messages
from jxc_desktop.ui.i18n import tr

SUFFIX = ".sqlite"


def _filter() -> str:
    return tr("账套文件 (*.sqlite);;所有文件 (*)")


def _folder(window) -> str:
    """Where the file dialogs start: beside the open company file."""
    if is_database_url(window.db_path):
        return str(default_db_path().parent)
    return str(Path(window.db_path).parent)


def _describe(facts: company_files.CompanyFile) -> str:
    return tr("账套“{c}”，单据 {n} 张，最近单据日期 {d}，文件保存于 {m}（{s}）").format(
        c=facts.company,
        n=f"{facts.documents:,}",
        d=facts.last_date or tr("无"),
        m=facts.modified.strftime("%Y-%m-%d %H:%M"),
        s=facts.size_text,
    )


def _file_companies_only(window) -> bool:
    """Backups and restores are of company files; a server company is backed up there."""
    if is_database_url(window.db_path):
        messages.info(window, tr("服务器（PostgreSQL）上的账套请在服务器上用 pg_dump 备份和恢复。"))
        return False
    return True


def new_company(window) -> None:
    path, _ = QFileDialog.getSaveFileName(
        window, tr("新建账套"), str(Path(_folder(window)) / tr("新账套.sqlite")), _filter()
    )
    if not path:
        return
    if not path.endswith(SUFFIX):
        path += SUFFIX
    if Path(path).exists():
        messages.error(
            window, tr("{p} 已存在；要打开已有的账套，请用 文件 › 打开账套。").format(p=path)
        )
        return
    window.switch_company(path)  # the setup wizard runs for the new file


def open_company_file(window) -> None:
    path, _ = QFileDialog.getOpenFileName(window, tr("打开账套"), _folder(window), _filter())
    if not path or company_files.same_file(path, window.db_path):
        return
    try:
        company_files.inspect(path)  # refused here, before the open company is closed
    except JxcError as exc:
        messages.error(window, exc.message)
        return
    window.switch_company(path)


def backup_company(window) -> None:
    if not _file_companies_only(window):
        return
    suggested = Path(_folder(window)) / company_files.backup_name(window.db_path)
    path, _ = QFileDialog.getSaveFileName(window, tr("备份账套"), str(suggested), _filter())
    if not path:
        return
    source = window.db_path

    def done(facts: company_files.CompanyFile) -> None:
        messages.info(window, tr("已备份到 {p}\n{f}").format(p=facts.path, f=_describe(facts)))

    window.ops.run_in_background(
        lambda progress, _stop: company_files.backup(source, path, progress),
        title=tr("正在备份账套…"),
        parent=window,
        on_success=done,
    )


def restore_company(window) -> None:
    if not _file_companies_only(window):
        return
    path, _ = QFileDialog.getOpenFileName(
        window, tr("选择要恢复的备份"), _folder(window), _filter()
    )
    if not path:
        return
    try:
        facts = company_files.restorable(path, window.db_path)
        current = company_files.inspect(window.db_path)
    except JxcError as exc:
        messages.error(window, exc.message)
        return
    text = tr(
        "用这个备份替换当前账套？\n\n备份：{f}\n\n当前：{c}\n\n当前账套的文件会先另存为 .bak，恢复后仍可找回。"
    ).format(f=_describe(facts), c=_describe(current))
    if facts.company != current.company:
        text += "\n\n" + tr("注意：备份是另一个账套“{b}”，不是当前的“{c}”。").format(
            b=facts.company, c=current.company
        )
    box = messages.confirm(window, text)
    box.accepted.connect(lambda: _restore(window, path))


def _restore(window, backup: str) -> None:
    target = window.db_path
    kept: list[Path | None] = []

    def replace_file() -> None:  # while no company is open
        kept.append(
            run_with_progress(
                window,
                tr("正在恢复账套…"),
                lambda progress: company_files.restore(backup, target, progress),
            )
        )

    new_window = window.switch_company(target, while_closed=replace_file)
    if new_window is not None and kept:
        note = tr("已用备份恢复账套。")
        if kept[0] is not None:
            note += "\n" + tr("恢复前的账套文件另存为 {p}").format(p=kept[0])
        messages.info(new_window, note)


def run_with_progress(parent: QWidget, title: str, fn):
    """Runs fn(progress) on a thread of its own behind a window-modal progress dialog;
    returns its result or raises its exception."""
    dialog = QProgressDialog(title, "", 0, 0, parent)
    dialog.setCancelButton(None)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(0)  # at once: the window behind must not be used meanwhile
    dialog.show()
    state: dict = {}

    def work() -> None:
        try:
            state["result"] = fn(lambda done, total: state.update(progress=(done, total)))
        except BaseException as exc:  # re-raised on the GUI thread below
            state["error"] = exc

    thread = threading.Thread(target=work, name="jxc-company-file", daemon=True)
    thread.start()
    while thread.is_alive():
        thread.join(0.03)
        if "progress" in state:
            done, total = state["progress"]
            dialog.setMaximum(total)
            dialog.setValue(done)
        QCoreApplication.processEvents()
    dialog.close()
    dialog.deleteLater()
    if "error" in state:
        raise state["error"]
    return state.get("result")
