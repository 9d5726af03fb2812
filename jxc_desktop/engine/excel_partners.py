"""Importing the customers, suppliers and warehouses sheets (same rules as the forms)."""

from __future__ import annotations

from jxc_desktop.engine import excel_read as rd
from jxc_desktop.engine.errors import Problem, ValidationError
from jxc_desktop.engine.excel_items import db_row
from jxc_desktop.engine.excel_sheets import FORMATS, WAREHOUSES
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.masterdata import (
    LocationData,
    PartnerData,
    WarehouseData,
    check_partner,
    check_warehouse,
)
from jxc_desktop.engine.masterdata.partners import partner_codes
from jxc_desktop.engine.masterdata.warehouses import warehouse_codes
from jxc_desktop.engine.session import audit
from jxc_desktop.models.db import bulk_insert
from jxc_desktop.models.masterdata import Location, Partner, Warehouse

PARTNER_COLUMNS = {
    "code": "编码",
    "name": "名称",
    "contact": "联系人",
    "phone": "电话",
    "address": "地址",
    "tax_number": "税号",
    "credit_limit": "信用额度",
    "bank_account": "银行账户",
    "payment_terms_days": "付款期限天数",
    "price_grade": "价格等级",
    "credit_rating": "信用等级",
}
KINDS = {"customers": "customer", "suppliers": "supplier"}


def _exists(row: rd.SheetRow, column: str, code: str) -> Problem:
    return Problem(
        tr(
            "编码 {c} 已存在（如需更新已有资料，请使用 --update）",
            "Code {c} already exists (use --update to change existing records)",
            c=code,
        ),
        row=row.number,
        column=column,
    )


def _number_text(row: rd.SheetRow, header: str, problems: list[Problem]):
    value = rd.cell_number(row.cells.get(header))
    if isinstance(value, str):
        problems.append(
            Problem(
                tr("不是有效的数字: {v}", "Not a plain decimal number: {v}", v=value),
                row=row.number,
                column=header,
            )
        )
        return None
    return value


def _row_to_partner(kind: str, row: rd.SheetRow, problems: list[Problem]) -> PartnerData:
    text = {f: rd.cell_text(row.cells.get(h)) for f, h in PARTNER_COLUMNS.items()}
    data = PartnerData(
        kind=kind,
        **{k: v for k, v in text.items() if k not in ("credit_limit", "payment_terms_days")},
    )
    data.credit_limit = _number_text(row, "信用额度", problems) or 0
    data.payment_terms_days = _number_text(row, "付款期限天数", problems) or 0
    return data


def import_partners(sheet_kind: str, path, update: bool) -> dict:
    """Customers or suppliers; an existing code is refused unless `update`."""
    fmt = FORMATS[sheet_kind]
    kind = KINDS[sheet_kind]
    problems: list[Problem] = []
    rows = list(rd.read_rows(path, fmt.headers, fmt.required, problems))
    if problems:
        raise ValidationError(problems)
    codes = partner_codes()
    new, updates = [], []
    for row in rows:
        row_problems: list[Problem] = []
        data = _row_to_partner(kind, row, row_problems)
        existing = codes.get((kind, data.code))
        partner_id = existing if update and isinstance(existing, int) else None
        if isinstance(existing, int) and not update:
            problems.append(_exists(row, "编码", data.code))
            codes[(kind, data.code)] = tr("第 {n} 行", "row {n}", n=row.number)
            continue
        found, values = check_partner(data, codes, partner_id)
        row_problems += [
            Problem(p.message, row=row.number, column=PARTNER_COLUMNS.get(p.field, p.field))
            for p in found
        ]
        if data.code:
            codes[(kind, data.code)] = tr("第 {n} 行", "row {n}", n=row.number)
        problems += row_problems
        if not row_problems:
            (new if partner_id is None else updates).append((values, partner_id))
    if problems:
        raise ValidationError(rd.sorted_problems(problems, fmt.headers))
    names = [f.name for f in Partner._meta.sorted_fields if f.name != "id"]
    columns = [Partner._meta.fields[n].column_name for n in names]
    bulk_insert("partner", columns, (db_row(Partner, v, names) for v, _ in new))
    for values, partner_id in updates:
        Partner.update(**values).where(Partner.id == partner_id).execute()
    audit(f"import.{sheet_kind}", str(path), f"{len(new)} created, {len(updates)} updated")
    return {"created": len(new), "updated": len(updates)}


def _group_warehouses(rows: list[rd.SheetRow], problems: list[Problem]) -> dict[str, tuple]:
    """Rows by warehouse code: (first row, data); repeated codes only add locations."""
    groups: dict[str, tuple] = {}
    for row in rows:
        code = rd.cell_text(row.cells.get("仓库编码"))
        name = rd.cell_text(row.cells.get("仓库名称"))
        quarantine = rd.cell_bool(row.cells.get("待检仓"))
        if quarantine is None:
            problems.append(
                Problem(tr("应为 是 或 否", "Must be 是 or 否"), row=row.number, column="待检仓")
            )
        loc_code = rd.cell_text(row.cells.get("库位编码"))
        if code in groups:
            first, data = groups[code]
            if name != data.name:
                problems.append(
                    Problem(
                        tr(
                            "仓库编码重复（同一仓库的多行名称必须相同）",
                            "Repeated warehouse code (rows of one warehouse must have the same name)",
                        ),
                        row=row.number,
                        column="仓库编码",
                    )
                )
        else:
            data = WarehouseData(code, name, bool(quarantine))
            groups[code] = (row, data)
        if loc_code:
            data.locations.append(LocationData(loc_code, rd.cell_text(row.cells.get("库位名称"))))
    return groups


def import_warehouses(path, update: bool) -> dict:
    """Warehouses with their locations (one row per location)."""
    problems: list[Problem] = []
    rows = list(rd.read_rows(path, WAREHOUSES.headers, WAREHOUSES.required, problems))
    if problems:
        raise ValidationError(problems)
    groups = _group_warehouses(rows, problems)
    codes = warehouse_codes()
    accepted = []
    for code, (row, data) in groups.items():
        existing = codes.get(code)
        wid = existing if update and isinstance(existing, int) else None
        if wid is not None:
            known = {
                loc.code: loc.name for loc in Location.select().where(Location.warehouse == wid)
            }
            data.locations = [loc for loc in data.locations if loc.code not in known]
        if existing is not None and not update:
            problems.append(_exists(row, "仓库编码", code))
            continue
        found, values, locations = check_warehouse(data, codes, wid)
        columns = {"code": "仓库编码", "name": "仓库名称", "locations": "库位编码"}
        problems += [
            Problem(p.message, row=row.number, column=columns.get(p.field, p.field)) for p in found
        ]
        accepted.append((wid, values, locations))
    if problems:
        raise ValidationError(rd.sorted_problems(problems, WAREHOUSES.headers))
    for wid, values, locations in accepted:
        if wid is None:
            wid = Warehouse.create(**values).id
        else:
            Warehouse.update(**values).where(Warehouse.id == wid).execute()
        for loc_code, loc_name in locations:
            Location.create(warehouse=wid, code=loc_code, name=loc_name)
    created = sum(1 for wid, _, _ in accepted if wid is None)
    audit("import.warehouses", str(path), f"{created} created")
    return {"created": created, "updated": len(accepted) - created}
