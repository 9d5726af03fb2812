"""`jxc import boms FILE`: headers 父项编码, 子项编码, 用量, 单位, 损耗率, 版本, 生效日期.

Rows with the same 父项编码 + 版本 form one BOM version, which replaces a stored version
of the same number. Every row is checked first and every problem reported (row and
column); cycles are checked on the BOMs as they would be after the import. Nothing is
written unless the whole file is good, and then it is written in one transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from jxc_desktop.engine.errors import Problem, ValidationError
from jxc_desktop.engine.excel_read import cell_number, cell_text, read_rows, sorted_problems
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.production import bom as bom_engine
from jxc_desktop.engine.session import audit
from jxc_desktop.models.db import write_transaction

COLUMNS = ["父项编码", "子项编码", "用量", "单位", "损耗率", "版本", "生效日期"]
REQUIRED = ["父项编码", "子项编码", "用量"]


@dataclass
class BomImportResult:
    boms: int = 0
    lines: int = 0


def _date(value, row: int, problems: list[Problem]) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(cell_text(value))
    except ValueError:
        problems.append(
            Problem(
                tr("日期应为 YYYY-MM-DD", "a date must be YYYY-MM-DD"), row=row, column="生效日期"
            )
        )
        return None


def _number_text(value, row: int, column: str, problems: list[Problem]) -> str | None:
    number = cell_number(value)
    if number is None:
        return None
    if isinstance(number, str):
        problems.append(
            Problem(
                tr("不是有效的数字：{v}", "not a plain decimal number: {v}", v=number),
                row=row,
                column=column,
            )
        )
        return "bad"
    return str(number)


def _group(rows, problems) -> dict[tuple[str, str], bom_engine.BomInput]:
    groups: dict[tuple[str, str], bom_engine.BomInput] = {}
    for row in rows:
        c = row.cells
        parent = cell_text(c.get("父项编码"))
        version = cell_text(c.get("版本")) or "1"
        eff = _date(c.get("生效日期"), row.number, problems)
        data = groups.setdefault((parent, version), bom_engine.BomInput(parent, version, eff))
        if eff != data.effective_date:
            problems.append(
                Problem(
                    tr("同一版本的生效日期不一致", "rows of one BOM version disagree on the date"),
                    row=row.number,
                    column="生效日期",
                )
            )
        qty = _number_text(c.get("用量"), row.number, "用量", problems)
        scrap = _number_text(c.get("损耗率"), row.number, "损耗率", problems)
        if qty is None:
            problems.append(Problem(tr("必填", "required"), row=row.number, column="用量"))
        line = bom_engine.BomLineInput(
            cell_text(c.get("子项编码")),
            qty or "",
            cell_text(c.get("单位")),
            scrap or "0",
            row.number,
        )
        data.lines.append(line)
    return groups


def _check(groups, problems) -> list[tuple[bom_engine.BomInput, dict]]:
    checked = []
    for data in groups.values():
        first = data.lines[0].row
        own: list[Problem] = []
        rows = bom_engine.validate_bom(data, own)
        reported = {(p.row, p.column) for p in problems}
        for p in own:
            if p.row is None:
                column = "父项编码" if p.field == "item" else None
                p = Problem(p.message, p.field, first, column)
            if p.column and (p.row, p.column) in reported:
                continue  # that cell was already reported while reading the sheet
            problems.append(p)
        seen: set[str] = set()
        for line in data.lines:
            if line.component in seen:
                problems.append(
                    Problem(tr("子项重复", "repeated component"), row=line.row, column="子项编码")
                )
            seen.add(line.component)
        if rows is not None:
            checked.append((data, rows))
    return checked


def _cycle(checked) -> Problem | None:
    replaced = {(rows["parent"].id, data.version) for data, rows in checked}
    graph = bom_engine.edges(replaced)
    for _data, rows in checked:
        graph.setdefault(rows["parent"].id, set()).update(r["component"].id for r in rows["lines"])
    path = bom_engine.find_cycle(graph)
    return bom_engine.cycle_problem(path) if path else None


def import_boms(path) -> BomImportResult:
    """Imports a BOM sheet; all or nothing (see the module docstring)."""
    problems: list[Problem] = []
    rows = list(read_rows(path, COLUMNS, REQUIRED, problems))
    groups = _group(rows, problems) if not problems else {}
    checked = _check(groups, problems)
    if not problems:
        cycle = _cycle(checked)
        if cycle:
            problems.append(cycle)
    if problems:
        raise ValidationError(sorted_problems(problems, COLUMNS))
    with write_transaction():
        for data, rows_ in checked:
            bom_engine.write_bom(data, rows_)
        audit("bom.import", str(path), f"{len(checked)} BOMs")
    return BomImportResult(len(checked), sum(len(d.lines) for d, _ in checked))
