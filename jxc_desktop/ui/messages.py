"""Message boxes that never block the event loop (tests and background jobs rely on it)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from jxc_desktop.engine.errors import Problem, field_name
from jxc_desktop.engine.i18n import tr as etr
from jxc_desktop.ui.i18n import tr

# The most recent boxes, newest last: tests read them, and holding them keeps them alive.
shown: list[QMessageBox] = []


def _box(parent: QWidget | None, icon, title: str, text: str, details: str = "") -> QMessageBox:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    if details:
        box.setDetailedText(details)
    box.setObjectName("jxcMessage")
    box.finished.connect(lambda _result: _forget(box))
    box.destroyed.connect(lambda *_args: _forget(box))  # e.g. its window was closed
    shown.append(box)
    box.open()  # window-modal but asynchronous: the caller carries on
    return box


def _forget(box: QMessageBox) -> None:
    for i, held in enumerate(shown):
        if held is box:
            del shown[i]
            return


def error(parent: QWidget | None, text: str, details: str = "") -> QMessageBox:
    return _box(parent, QMessageBox.Icon.Warning, tr("错误"), text, details)


def info(parent: QWidget | None, text: str) -> QMessageBox:
    return _box(parent, QMessageBox.Icon.Information, tr("提示"), text)


def confirm(parent: QWidget | None, text: str) -> QMessageBox:
    """A yes/no question; connect to the box's `accepted` signal for "yes"."""
    box = QMessageBox(
        QMessageBox.Icon.Question, tr("请确认"), text, QMessageBox.StandardButton.NoButton, parent
    )
    box.addButton(tr("确定"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(tr("取消"), QMessageBox.ButtonRole.RejectRole)
    box.finished.connect(lambda _result: _forget(box))
    box.destroyed.connect(lambda *_args: _forget(box))
    shown.append(box)
    box.open()
    return box


def problem_text(problem: Problem) -> str:
    """One problem as a line of a message box: where (row, column, field), then what."""
    where = []
    if problem.row is not None:
        where.append(etr("第 {row} 行", "row {row}", row=problem.row))
    if problem.column:
        where.append(etr("{column} 列", "column {column}", column=problem.column))
    elif field_name(problem.field):
        where.append(field_name(problem.field))
    if not where:
        return problem.message
    return ", ".join(where) + etr("：", ": ") + problem.message


def problems(parent: QWidget | None, items: list[Problem]) -> QMessageBox:
    head = tr("发现 {n} 个问题，未写入任何数据：").format(n=len(items))
    lines = "\n".join(f"• {problem_text(p)}" for p in items[:30])
    more = "" if len(items) <= 30 else "\n" + tr("……共 {n} 个").format(n=len(items))
    return _box(parent, QMessageBox.Icon.Warning, tr("数据有误"), f"{head}\n{lines}{more}")
