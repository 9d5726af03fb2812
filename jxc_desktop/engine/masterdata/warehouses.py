"""Warehouses (仓库) with their locations (库位)."""

from __future__ import annotations

from dataclasses import dataclass, field

from jxc_desktop.engine.errors import JxcError, Problem, require
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.masterdata import common as c
from jxc_desktop.engine.session import audit
from jxc_desktop.models.db import action_cache, write_transaction
from jxc_desktop.models.documents import Document, DocumentLine
from jxc_desktop.models.masterdata import Item, Location, Warehouse
from jxc_desktop.models.stock import StockMove


@dataclass
class LocationData:
    code: str
    name: str = ""


@dataclass
class WarehouseData:
    code: str
    name: str
    is_quarantine: bool = False
    locations: list[LocationData] = field(default_factory=list)


def check_warehouse(
    data: WarehouseData, codes: dict, warehouse_id=None
) -> tuple[list[Problem], dict, list]:
    """Every rule for one warehouse; `codes` maps a code to the id or row holding it."""
    problems: list[Problem] = []
    code = c.required_code(problems, "code", data.code, tr("仓库编码", "Warehouse code"))
    owner = codes.get(code) if code else None
    if owner is not None and owner != warehouse_id:
        where = f"（与 {owner} 重复）" if isinstance(owner, str) else "（已存在）"
        where_en = f" (duplicates {owner})" if isinstance(owner, str) else " (already exists)"
        problems.append(
            Problem(
                tr("仓库编码 {c} 重复", "Warehouse code {c} is taken", c=code)
                + tr(where, where_en),
                "code",
            )
        )
    name = c.required_text(problems, "name", data.name, tr("仓库名称", "Warehouse name"))
    locations = []
    seen: set[str] = set()
    for loc in data.locations:
        loc_code = c.required_code(problems, "locations", loc.code, tr("库位编码", "Location code"))
        if loc_code in seen:
            problems.append(
                Problem(
                    tr("库位编码 {c} 重复", "Location code {c} is repeated", c=loc_code),
                    "locations",
                )
            )
        seen.add(loc_code)
        locations.append(
            (
                loc_code,
                c.optional_text(problems, "locations", loc.name, tr("库位名称", "Location name")),
            )
        )
    return (
        problems,
        {"code": code, "name": name, "is_quarantine": bool(data.is_quarantine)},
        locations,
    )


def validate_warehouse(data: WarehouseData, warehouse_id: int | None = None) -> list[Problem]:
    return check_warehouse(data, warehouse_codes(), warehouse_id)[0]


def warehouse_codes() -> dict:
    return dict(Warehouse.select(Warehouse.code, Warehouse.id).tuples())


def _location_in_use(location_id: int) -> bool:
    return (
        StockMove.select().where(StockMove.location == location_id).exists()
        or DocumentLine.select()
        .where((DocumentLine.location == location_id) | (DocumentLine.dest_location == location_id))
        .exists()
    )


def _sync_locations(warehouse: Warehouse, locations: list[tuple[str, str]]) -> None:
    """Makes the warehouse's locations the given list; a used location is never deleted."""
    wanted = dict(locations)
    for loc in Location.select().where(Location.warehouse == warehouse):
        if loc.code in wanted:
            Location.update(name=wanted.pop(loc.code), active=True).where(
                Location.id == loc.id
            ).execute()
        elif _location_in_use(loc.id):
            raise JxcError(
                tr(
                    "库位 {c} 已被使用，不能删除；请改为停用。",
                    "Location {c} is in use and cannot be removed; deactivate it instead.",
                    c=loc.code,
                )
            )
        else:
            loc.delete_instance()
    for code, name in locations:
        if code in wanted:
            Location.create(warehouse=warehouse, code=code, name=name)
    # postings later in this action must see whether the warehouse has locations now
    action_cache().pop(("located", warehouse.id), None)


def save_warehouse(data: WarehouseData, warehouse_id: int | None = None) -> Warehouse:
    """Creates or updates a warehouse and its locations in one transaction."""
    with write_transaction():
        if warehouse_id is not None:
            c.get_or_fail(Warehouse, warehouse_id, "仓库", "Warehouse")
        problems, values, locations = check_warehouse(data, warehouse_codes(), warehouse_id)
        require(problems)
        if warehouse_id is None:
            row = Warehouse.create(**values)
        else:
            Warehouse.update(**values).where(Warehouse.id == warehouse_id).execute()
            row = Warehouse.get_by_id(warehouse_id)
        _sync_locations(row, locations)
        audit("warehouse.save", row.code)
    return row


def warehouse_data(warehouse_id: int) -> WarehouseData:
    row = c.get_or_fail(Warehouse, warehouse_id, "仓库", "Warehouse")
    locs = Location.select().where(Location.warehouse == row).order_by(Location.code)
    return WarehouseData(
        row.code, row.name, row.is_quarantine, [LocationData(x.code, x.name) for x in locs]
    )


def set_warehouse_active(warehouse_id: int, active: bool) -> None:
    c.set_active(Warehouse, warehouse_id, active, "warehouse", "仓库", "Warehouse")


def set_location_active(location_id: int, active: bool) -> None:
    c.set_active(Location, location_id, active, "location", "库位", "Location")


def delete_warehouse(warehouse_id: int) -> None:
    """Deletes a warehouse no document, stock move or item default refers to."""
    row = c.get_or_fail(Warehouse, warehouse_id, "仓库", "Warehouse")
    in_use = (
        StockMove.select().where(StockMove.warehouse == warehouse_id).exists()
        or Document.select()
        .where((Document.warehouse == warehouse_id) | (Document.dest_warehouse == warehouse_id))
        .exists()
        or Item.select().where(Item.default_warehouse == warehouse_id).exists()
        or any(_location_in_use(loc.id) for loc in row.locations)
    )
    if not in_use:
        with write_transaction():
            Location.delete().where(Location.warehouse == warehouse_id).execute()
            c.delete_row(row, "warehouse.delete", row.code, False, "仓库", "Warehouse")
        return
    c.delete_row(row, "warehouse.delete", row.code, True, "仓库", "Warehouse")
