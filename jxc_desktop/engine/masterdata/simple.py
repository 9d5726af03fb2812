"""Small base-data tables: units, tax rates, currencies, exchange rates, departments, staff."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from jxc_desktop.engine.errors import Problem, require
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.masterdata import common as c
from jxc_desktop.engine.session import audit
from jxc_desktop.models.db import write_transaction
from jxc_desktop.models.documents import Document, DocumentLine
from jxc_desktop.models.masterdata import (
    Currency,
    Department,
    ExchangeRate,
    Item,
    ItemBarcode,
    ItemUnit,
    Staff,
    TaxRate,
    Unit,
)

FUNCTIONAL_CURRENCY = "CNY"


def _taken(problems, field, model, column, value, row_id, zh, en) -> None:
    other = model.get_or_none(column == value) if value else None
    if other is not None and other._pk != row_id:
        problems.append(
            Problem(tr("{l} {v} 已存在", "{l} {v} already exists", l=tr(zh, en), v=value), field)
        )


# --- units ----------------------------------------------------------------------------


def save_unit(name: str, unit_id: int | None = None) -> Unit:
    """Creates a unit (or renames one); names are unique."""
    problems: list[Problem] = []
    name = c.required_text(problems, "name", name, tr("单位名称", "Unit name"))
    if len(name) > 20:
        problems.append(
            Problem(tr("单位名称最长 20 个字符", "A unit name is at most 20 characters"), "name")
        )
    with write_transaction():
        _taken(problems, "name", Unit, Unit.name, name, unit_id, "单位", "Unit")
        require(problems)
        if unit_id is None:
            row = Unit.create(name=name)
        else:
            row = c.get_or_fail(Unit, unit_id, "单位", "Unit")
            row.name = name
            row.save()
        audit("unit.save", name)
    return row


def set_unit_active(unit_id: int, active: bool) -> None:
    c.set_active(Unit, unit_id, active, "unit", "单位", "Unit")


def delete_unit(unit_id: int) -> None:
    row = c.get_or_fail(Unit, unit_id, "单位", "Unit")
    in_use = (
        Item.select().where((Item.base_unit == unit_id) | (Item.purchase_unit == unit_id)).exists()
        or ItemUnit.select().where(ItemUnit.unit == unit_id).exists()
        or ItemBarcode.select().where(ItemBarcode.unit == unit_id).exists()
        or DocumentLine.select().where(DocumentLine.unit == unit_id).exists()
    )
    c.delete_row(row, "unit.delete", row.name, in_use, "单位", "Unit")


# --- tax rates ------------------------------------------------------------------------


def save_tax_rate(name: str, rate, tax_rate_id: int | None = None) -> TaxRate:
    """A named VAT rate in percent (13 = 13%), 0..100 with up to 4 decimals."""
    problems: list[Problem] = []
    name = c.required_text(problems, "name", name, tr("税率名称", "Tax rate name"))
    value = c.number(problems, "rate", rate, 4, tr("税率", "Rate"), maximum=Decimal(100))
    with write_transaction():
        _taken(problems, "name", TaxRate, TaxRate.name, name, tax_rate_id, "税率", "Tax rate")
        require(problems)
        if tax_rate_id is None:
            row = TaxRate.create(name=name, rate=value)
        else:
            c.get_or_fail(TaxRate, tax_rate_id, "税率", "Tax rate")
            TaxRate.update(name=name, rate=value).where(TaxRate.id == tax_rate_id).execute()
            row = TaxRate.get_by_id(tax_rate_id)
        audit("tax_rate.save", name, str(value))
    return row


def set_tax_rate_active(tax_rate_id: int, active: bool) -> None:
    c.set_active(TaxRate, tax_rate_id, active, "tax_rate", "税率", "Tax rate")


# --- currencies -----------------------------------------------------------------------


def save_currency(code: str, name: str, symbol: str = "") -> Currency:
    """Creates a currency or updates its name and symbol (the code is the key, e.g. USD)."""
    problems: list[Problem] = []
    code = c.text_of(code).upper()
    if not (len(code) == 3 and code.isalpha() and code.isascii()):
        problems.append(
            Problem(
                tr(
                    "币种代码应为 3 个英文字母（如 USD）", "A currency code is 3 letters (e.g. USD)"
                ),
                "code",
            )
        )
    name = c.required_text(problems, "name", name, tr("币种名称", "Currency name"))
    symbol = c.optional_text(problems, "symbol", symbol, tr("符号", "Symbol"), 8)
    require(problems)
    with write_transaction():
        Currency.insert(code=code, name=name, symbol=symbol).on_conflict(
            conflict_target=[Currency.code], update={Currency.name: name, Currency.symbol: symbol}
        ).execute()
        audit("currency.save", code)
    return Currency.get_by_id(code)


def set_currency_active(code: str, active: bool) -> None:
    c.set_active(Currency, code, active, "currency", "币种", "Currency")


def save_exchange_rate(currency: str, date: dt.date, rate) -> ExchangeRate:
    """CNY per one unit of `currency` from `date` on; one rate per currency and day."""
    problems: list[Problem] = []
    code = c.text_of(currency).upper()
    if code == FUNCTIONAL_CURRENCY:
        problems.append(
            Problem(
                tr("本位币人民币的汇率固定为 1", "The functional currency CNY has rate 1"),
                "currency",
            )
        )
    elif Currency.get_or_none(Currency.code == code) is None:
        problems.append(
            Problem(tr("币种 {c} 不存在", "Currency {c} does not exist", c=code), "currency")
        )
    if not isinstance(date, dt.date):
        problems.append(Problem(tr("日期无效", "Invalid date"), "date"))
    value = c.number(problems, "rate", rate, 6, tr("汇率", "Rate"), positive=True)
    require(problems)
    with write_transaction():
        ExchangeRate.insert(currency=code, date=date, rate=value).on_conflict(
            conflict_target=[ExchangeRate.currency, ExchangeRate.date],
            update={ExchangeRate.rate: value},
        ).execute()
        audit("exchange_rate.save", code, f"{date} {value}")
    return ExchangeRate.get((ExchangeRate.currency == code) & (ExchangeRate.date == date))


# --- departments and staff ------------------------------------------------------------


@dataclass
class DepartmentData:
    code: str
    name: str
    parent: str | None = None  # parent department code


@dataclass
class StaffData:
    code: str
    name: str
    department: str | None = None  # department code
    phone: str = ""


def save_department(data: DepartmentData, department_id: int | None = None) -> Department:
    """Creates or updates a department; a department cannot sit under itself."""
    problems: list[Problem] = []
    code = c.required_code(problems, "code", data.code, tr("部门编码", "Department code"))
    name = c.required_text(problems, "name", data.name, tr("部门名称", "Department name"))
    with write_transaction():
        _taken(
            problems,
            "code",
            Department,
            Department.code,
            code,
            department_id,
            "部门编码",
            "Department code",
        )
        parent = _parent_department(problems, c.text_of(data.parent), department_id)
        require(problems)
        values = {"code": code, "name": name, "parent": parent}
        if department_id is None:
            row = Department.create(**values)
        else:
            c.get_or_fail(Department, department_id, "部门", "Department")
            Department.update(**values).where(Department.id == department_id).execute()
            row = Department.get_by_id(department_id)
        audit("department.save", code)
    return row


def _parent_department(problems, parent_code: str, department_id):
    if not parent_code:
        return None
    parent = Department.get_or_none(Department.code == parent_code)
    if parent is None:
        problems.append(
            Problem(
                tr("上级部门 {c} 不存在", "Parent department {c} does not exist", c=parent_code),
                "parent",
            )
        )
        return None
    seen, current = set(), parent
    while current is not None and current.id not in seen:
        if current.id == department_id:
            problems.append(
                Problem(
                    tr("上级部门不能是自己或自己的下级", "A department cannot sit under itself"),
                    "parent",
                )
            )
            return None
        seen.add(current.id)
        current = current.parent
    return parent


def set_department_active(department_id: int, active: bool) -> None:
    c.set_active(Department, department_id, active, "department", "部门", "Department")


def save_staff(data: StaffData, staff_id: int | None = None) -> Staff:
    """Creates or updates a staff member (经办人)."""
    problems: list[Problem] = []
    code = c.required_code(problems, "code", data.code, tr("职员编码", "Staff code"))
    name = c.required_text(problems, "name", data.name, tr("姓名", "Name"))
    phone = c.optional_text(problems, "phone", data.phone, tr("电话", "Phone"), 40)
    with write_transaction():
        _taken(problems, "code", Staff, Staff.code, code, staff_id, "职员编码", "Staff code")
        dept_code = c.text_of(data.department)
        dept = Department.get_or_none(Department.code == dept_code) if dept_code else None
        if dept_code and dept is None:
            problems.append(
                Problem(
                    tr("部门 {c} 不存在", "Department {c} does not exist", c=dept_code),
                    "department",
                )
            )
        require(problems)
        values = {"code": code, "name": name, "department": dept, "phone": phone}
        if staff_id is None:
            row = Staff.create(**values)
        else:
            c.get_or_fail(Staff, staff_id, "职员", "Staff")
            Staff.update(**values).where(Staff.id == staff_id).execute()
            row = Staff.get_by_id(staff_id)
        audit("staff.save", code)
    return row


def set_staff_active(staff_id: int, active: bool) -> None:
    c.set_active(Staff, staff_id, active, "staff", "职员", "Staff")


def delete_staff(staff_id: int) -> None:
    row = c.get_or_fail(Staff, staff_id, "职员", "Staff")
    in_use = Document.select().where(Document.staff == staff_id).exists()
    c.delete_row(row, "staff.delete", row.code, in_use, "职员", "Staff")
