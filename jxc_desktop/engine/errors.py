"""One root exception; user errors carry translated text and where the problem is."""

from __future__ import annotations

import re
from dataclasses import dataclass

from jxc_desktop.engine.i18n import tr


class JxcError(Exception):
    """Every error the engine reports to a user."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class PeriodError(JxcError, ValueError):
    """A period code that is no month (2026-13, 2026-1x): a JxcError for the user, and a
    ValueError for callers that already catch a malformed code."""


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
        return tr(*FIELD_NAMES[field])
    return "" if _CODE.match(field) else field


@dataclass(frozen=True)
class Problem:
    """One validation problem: a field (or spreadsheet row and column) and a message."""

    message: str
    field: str | None = None
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(tr("第 {row} 行", "row {row}", row=self.row))
        if self.column:
            where.append(tr("{column} 列", "column {column}", column=self.column))
        elif field_name(self.field):
            where.append(field_name(self.field))
        prefix = ", ".join(where)
        return f"{prefix}: {self.message}" if prefix else self.message


class ValidationError(JxcError):
    """All the problems found at once; nothing was written."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class NotFound(JxcError):
    pass


class StateError(JxcError):
    """An action that the document's state does not allow."""


class DatabaseBusy(JxcError):
    def __init__(self):
        super().__init__(
            tr(
                "数据库正忙（其他用户正在写入），未写入任何数据，请稍后重试。",
                "The database is busy (another user is writing); nothing was written. Try again.",
            )
        )


class SchemaError(JxcError):
    """The database file cannot be used by this version of the program."""


def require(problems: list[Problem]) -> None:
    """Raises ValidationError when the list of problems is not empty."""
    if problems:
        raise ValidationError(problems)
