"""Message boxes that never block the event loop (tests and background jobs rely on it)."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QMessageBox, QWidget

from jxc_desktop.engine.errors import Problem
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


# The engine's field codes in words; a code not listed is left out of the message (the
# message itself says what is wrong), never shown raw.
FIELD_NAMES = {
    "item": ("商品", "Item"),
    "qty": ("数量", "Quantity"),
    "price": ("单价", "Price"),
    "amount": ("金额", "Amount"),
    "tax_rate": ("税率", "Tax rate"),
    "unit": ("单位", "Unit"),
    "date": ("日期", "Date"),
    "due_date": ("交货日期", "Due date"),
    "warehouse": ("仓库", "Warehouse"),
    "dest_warehouse": ("调入仓库", "To warehouse"),
    "location": ("库位", "Location"),
    "batch": ("批次", "Batch"),
    "partner": ("往来单位", "Partner"),
    "account": ("科目", "Account"),
    "currency": ("币种", "Currency"),
    "code": ("编码", "Code"),
    "name": ("名称", "Name"),
    "parent": ("父项", "Parent item"),
    "bom": ("物料清单", "BOM"),
    "fee": ("加工费", "Processing fee"),
    "lines": ("明细", "Lines"),
    "barcodes": ("条码", "Barcodes"),
    "units": ("单位", "Units"),
    "base_unit": ("基本单位", "Base unit"),
    "valuation_method": ("计价方法", "Valuation method"),
    "shelf_life_days": ("保质期", "Shelf life"),
    "safety_stock": ("安全库存", "Safety stock"),
    "lot_size": ("批量", "Lot size"),
    "tax_number": ("税号", "Tax number"),
    "valid_to": ("有效期至", "Valid to"),
    "hours": ("小时数", "Hours"),
    "shift_hours": ("每班小时数", "Hours per shift"),
    "shifts": ("班次", "Shifts"),
    "weekdays": ("工作日", "Working days"),
    "kind": ("类型", "Kind"),
}
_CODE = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\[\]]*$")


def field_name(field: str | None) -> str:
    """A problem's field for people: its name, the text as given when it is already
    words (第 3 行), or nothing for an unknown code."""
    if not field:
        return ""
    if field in FIELD_NAMES:
        return etr(*FIELD_NAMES[field])
    return "" if _CODE.match(field) else field


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
