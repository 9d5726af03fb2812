"""STOP-GAP read helpers: the short option lists the edit dialogs' combo boxes offer.

Units, categories, warehouses, tax rates and departments are small tables; the engine
has no "options for a picker" query yet, so these read-only lookups live here until it
does (asked for in the UI report).
"""

from __future__ import annotations

from jxc_desktop.engine import money
from jxc_desktop.models.masterdata import (
    Department,
    ItemCategory,
    Staff,
    TaxRate,
    Unit,
    Warehouse,
)


def unit_names() -> list[str]:
    return [u.name for u in Unit.select().where(Unit.active).order_by(Unit.id)]


def categories() -> list[tuple[str, str]]:
    """(code, name) of active categories, by code."""
    query = ItemCategory.select().where(ItemCategory.active).order_by(ItemCategory.code)
    return [(c.code, c.name) for c in query]


def warehouses() -> list[tuple[str, str]]:
    query = Warehouse.select().where(Warehouse.active).order_by(Warehouse.code)
    return [(w.code, w.name) for w in query]


def departments() -> list[tuple[str, str]]:
    query = Department.select().where(Department.active).order_by(Department.code)
    return [(d.code, d.name) for d in query]


def tax_rates() -> list[str]:
    """The company's tax rates as plain percent text ("13", "9", ...), distinct, high first."""
    rates = sorted({t.rate for t in TaxRate.select().where(TaxRate.active)}, reverse=True)
    return [money.format_qty(r) for r in rates]


def staff_department(staff_id: int) -> str | None:
    """The department code of a staff member (the list shows the department's name)."""
    staff = Staff.get_or_none(Staff.id == staff_id)
    return staff.department.code if staff and staff.department_id else None
