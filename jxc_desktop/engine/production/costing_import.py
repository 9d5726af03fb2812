"""The cost clerk's month data: `jxc import work-hours FILE` and `jxc import wip FILE`.

work-hours: 期间 (YYYY-MM), 成本对象, 人工工时, 机器工时 — one row per period and object;
a re-import replaces the hours of the objects it names.
wip (在产品): 期间, 类型 (期初 / 期末), 成本对象, 商品编码, 数量, 直接材料完工率,
直接人工完工率, 制造费用完工率 (percent; 材料 defaults to 100, the others to 0), and for
期初 rows the amounts 直接材料, 直接人工, 制造费用. A re-import replaces the rows of every
(期间, 类型, 成本对象) it names. A cost object is a work order (own or external number,
stored as its own number) or a process step code.
Both are all-or-nothing: every bad row is reported (row, column) and nothing written.
"""

from __future__ import annotations

import re
from decimal import Decimal

from jxc_desktop.engine import lookup, money
from jxc_desktop.engine.errors import Problem, ValidationError
from jxc_desktop.engine.excel_read import cell_number, cell_text, read_rows, sorted_problems
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.production.workorders import object_key
from jxc_desktop.engine.session import audit
from jxc_desktop.models.db import write_transaction
from jxc_desktop.models.production import WipCount, WorkHours

PERIOD = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
HOURS_COLUMNS = ["期间", "成本对象", "人工工时", "机器工时"]
WIP_COLUMNS = [
    "期间",
    "类型",
    "成本对象",
    "商品编码",
    "数量",
    "直接材料完工率",
    "直接人工完工率",
    "制造费用完工率",
    "直接材料",
    "直接人工",
    "制造费用",
]
KINDS = {"期初": "opening", "期末": "closing"}


def _period(row, problems) -> str:
    text = cell_text(row.cells.get("期间"))
    if not PERIOD.match(text):
        problems.append(
            Problem(
                tr("期间应为 YYYY-MM", "a period must be YYYY-MM"), row=row.number, column="期间"
            )
        )
    return text


def _object(row, problems) -> str:
    text = cell_text(row.cells.get("成本对象"))
    if not text:
        problems.append(Problem(tr("必填", "required"), row=row.number, column="成本对象"))
    return object_key(text)


def _num(row, column, problems, places, default="0", maximum=None) -> Decimal:
    value = cell_number(row.cells.get(column))
    if value is None:
        return money.D(default)
    if (
        isinstance(value, str)
        or value < 0
        or money.places_of(value) > places
        or (maximum is not None and value > maximum)
    ):
        problems.append(
            Problem(
                tr(
                    "应为不小于 0、最多 {p} 位小数的数",
                    "must be a number ≥ 0 with at most {p} decimals",
                    p=places,
                )
                + (tr("，且不大于 {m}", ", at most {m}", m=maximum) if maximum is not None else ""),
                row=row.number,
                column=column,
            )
        )
        return Decimal(0)
    return value


def import_work_hours(path) -> int:
    """Imports work hours; returns the number of rows written."""
    problems: list[Problem] = []
    rows = list(read_rows(path, HOURS_COLUMNS, ["期间", "成本对象"], problems))
    values: dict[tuple[str, str], dict] = {}
    for row in rows:
        key = (_period(row, problems), _object(row, problems))
        if key in values:
            problems.append(
                Problem(
                    tr("期间和成本对象重复", "repeated period and cost object"),
                    row=row.number,
                    column="成本对象",
                )
            )
        values[key] = {
            "labour_hours": _num(row, "人工工时", problems, 4),
            "machine_hours": _num(row, "机器工时", problems, 4),
        }
    if problems:
        raise ValidationError(sorted_problems(problems, HOURS_COLUMNS))
    with write_transaction():
        for (period, obj), v in values.items():
            WorkHours.delete().where(
                (WorkHours.period == period) & (WorkHours.cost_object == obj)
            ).execute()
            WorkHours.create(period=period, cost_object=obj, **v)
        audit("costing.import_work_hours", str(path), f"{len(values)} rows")
    return len(values)


def _wip_row(row, problems) -> dict:
    kind = KINDS.get(cell_text(row.cells.get("类型")))
    if kind is None:
        problems.append(
            Problem(
                tr("类型应为 期初 或 期末", "类型 must be 期初 or 期末"),
                row=row.number,
                column="类型",
            )
        )
    code = cell_text(row.cells.get("商品编码"))
    item = lookup.item_by_code(code) if code else None
    if item is None:
        problems.append(
            Problem(
                tr("商品“{c}”不存在", "item '{c}' does not exist", c=code)
                if code
                else tr("必填", "required"),
                row=row.number,
                column="商品编码",
            )
        )
    out = {
        "period": _period(row, problems),
        "kind": kind,
        "cost_object": _object(row, problems),
        "item": item,
        "qty": _num(row, "数量", problems, 4),
        "material_pct": _num(row, "直接材料完工率", problems, 4, "100", Decimal(100)),
        "labour_pct": _num(row, "直接人工完工率", problems, 4, "0", Decimal(100)),
        "overhead_pct": _num(row, "制造费用完工率", problems, 4, "0", Decimal(100)),
    }
    for column, key in (("直接材料", "material"), ("直接人工", "labour"), ("制造费用", "overhead")):
        out[key] = _num(row, column, problems, 2)
        if kind == "closing" and out[key]:
            problems.append(
                Problem(
                    tr(
                        "期末在产品不填金额（由成本计算得出）",
                        "closing rows carry no amounts (the cost run computes them)",
                    ),
                    row=row.number,
                    column=column,
                )
            )
    return out


def import_wip(path) -> int:
    """Imports counted work in process; returns the number of rows written."""
    problems: list[Problem] = []
    rows = list(
        read_rows(path, WIP_COLUMNS, ["期间", "类型", "成本对象", "商品编码", "数量"], problems)
    )
    values = [_wip_row(row, problems) for row in rows]
    if problems:
        raise ValidationError(sorted_problems(problems, WIP_COLUMNS))
    with write_transaction():
        for period, kind, obj in {(v["period"], v["kind"], v["cost_object"]) for v in values}:
            WipCount.delete().where(
                (WipCount.period == period)
                & (WipCount.kind == kind)
                & (WipCount.cost_object == obj)
            ).execute()
        for v in values:
            WipCount.create(**v)
        audit("costing.import_wip", str(path), f"{len(values)} rows")
    return len(values)
