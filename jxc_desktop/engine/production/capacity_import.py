"""`jxc import work-calendar FILE`: a year's holidays and overtime days in one sheet.

Headers 日期 (YYYY-MM-DD), 类型 (停工 / 加班, or closed / overtime), 小时 (the extra
hours of an overtime day), 工作中心 (a centre code; empty = every centre), 备注. Each row
replaces what that centre (or the company-wide row) had on that day, as
capacity_calendar.set_day does. Every row is checked first and every problem reported
with its row and column; nothing is written unless the whole file is good, and then
all of it in one transaction.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from jxc_desktop.engine import money
from jxc_desktop.engine.errors import Problem, ValidationError
from jxc_desktop.engine.excel_read import cell_number, cell_text, read_rows, sorted_problems
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.production import capacity_calendar as cc
from jxc_desktop.engine.session import audit
from jxc_desktop.models.db import write_transaction
from jxc_desktop.models.production import WorkCentre

COLUMNS = ["日期", "类型", "小时", "工作中心", "备注"]
REQUIRED = ["日期", "类型"]
KINDS = {"停工": "closed", "休息": "closed", "closed": "closed", "加班": "overtime"}
KINDS["overtime"] = "overtime"


def _date(value, row: int, problems: list[Problem]) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(cell_text(value))
    except ValueError:
        problems.append(
            Problem(tr("日期应为 YYYY-MM-DD", "a date must be YYYY-MM-DD"), row=row, column="日期")
        )
        return None


def _hours(value, kind: str | None, row: int, problems: list[Problem]) -> Decimal:
    number = cell_number(value)
    try:
        hours = money.qty(number) if isinstance(number, Decimal) else None
    except (ValueError, ArithmeticError):
        hours = None
    if number is None and kind != "overtime":
        return Decimal(0)
    if hours is None or not 0 < hours <= 24:
        problems.append(
            Problem(
                tr("加班小时应在 0 到 24 之间", "overtime hours must be above 0, at most 24"),
                row=row,
                column="小时",
            )
        )
        return Decimal(0)
    return hours


def _check(rows, problems: list[Problem]) -> list[tuple]:
    centres = {c.code for c in WorkCentre.select(WorkCentre.code)}
    out, seen = [], {}
    for row in rows:
        c, n = row.cells, row.number
        day = _date(c.get("日期"), n, problems)
        kind = KINDS.get(cell_text(c.get("类型")).lower())
        if kind is None:
            problems.append(
                Problem(
                    tr("类型应为 停工 或 加班", "the kind must be 停工 or 加班"),
                    row=n,
                    column="类型",
                )
            )
        hours = _hours(c.get("小时"), kind, n, problems)
        centre = cell_text(c.get("工作中心"))
        if centre and centre not in centres:
            problems.append(
                Problem(
                    tr("找不到工作中心 {c}", "no work centre {c}", c=centre),
                    row=n,
                    column="工作中心",
                )
            )
        key = (day, centre)
        if day is not None and key in seen:
            problems.append(
                Problem(
                    tr("与第 {r} 行重复", "the same day as row {r}", r=seen[key]),
                    row=n,
                    column="日期",
                )
            )
        seen.setdefault(key, n)
        out.append(
            (
                day,
                kind,
                hours if kind == "overtime" else Decimal(0),
                centre,
                cell_text(c.get("备注")),
            )
        )
    return out


def import_calendar(path) -> int:
    """Imports a work-calendar sheet, all or nothing; the number of days written."""
    problems: list[Problem] = []
    rows = list(read_rows(path, COLUMNS, REQUIRED, problems))
    checked = _check(rows, problems) if not problems else []
    if problems:
        raise ValidationError(sorted_problems(problems, COLUMNS))
    with write_transaction():
        for day, kind, hours, centre, remarks in checked:
            cc.set_day(day, kind, hours, centre, remarks)
        audit("capacity.import", str(path), f"{len(checked)} days")
    return len(checked)
