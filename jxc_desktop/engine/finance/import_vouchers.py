"""`jxc import vouchers FILE [--approve]`: manual vouchers from a sheet.

Headers: 日期, 凭证号 (rows with the same 凭证号 form one voucher, in file order), 摘要,
科目编码 (code or name), 借方金额, 贷方金额, 往来单位, 部门, 现金流量项目, 成本对象.
The whole file is validated first — every bad row with its column and reason, every
voucher that does not balance — and nothing is written unless it is all valid; then
one transaction saves the vouchers and, with `approve`, reviews and posts them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from jxc_desktop.engine.errors import Problem, ValidationError
from jxc_desktop.engine.excel_read import (
    SheetRow,
    cell_number,
    cell_text,
    read_rows,
    sorted_problems,
)
from jxc_desktop.engine.finance import manual
from jxc_desktop.engine.i18n import tr
from jxc_desktop.models.db import write_transaction

COLUMNS = [
    "日期",
    "凭证号",
    "摘要",
    "科目编码",
    "借方金额",
    "贷方金额",
    "往来单位",
    "部门",
    "现金流量项目",
    "成本对象",
]
REQUIRED = ["日期", "凭证号", "科目编码", "借方金额", "贷方金额"]


@dataclass
class VoucherImportResult:
    vouchers: int = 0
    lines: int = 0
    posted: int = 0
    numbers: list[str] = field(default_factory=list)


def _date(row: SheetRow, problems: list[Problem]) -> dt.date | None:
    value = row.cells.get("日期")
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(cell_text(value))
    except ValueError:
        problems.append(
            Problem(
                tr("日期应为 YYYY-MM-DD", "a date must be YYYY-MM-DD"),
                row=row.number,
                column="日期",
            )
        )
        return None


def _number(row: SheetRow, col: str, problems: list[Problem]):
    value = cell_number(row.cells.get(col))
    if isinstance(value, str):
        problems.append(
            Problem(
                tr("不是有效的数字：{v}", "not a plain decimal number: {v}", v=value),
                row=row.number,
                column=col,
            )
        )
        return None
    return value


def _group(rows: list[SheetRow], problems: list[Problem]) -> list[manual.VoucherInput]:
    groups: dict[str, manual.VoucherInput] = {}
    for row in rows:
        key = cell_text(row.cells.get("凭证号"))
        if not key:
            problems.append(Problem(tr("必填", "required"), row=row.number, column="凭证号"))
            continue
        day = _date(row, problems)
        data = groups.get(key)
        if data is None:
            data = groups[key] = manual.VoucherInput(
                date=day, summary=cell_text(row.cells.get("摘要")), external_number=key
            )
        elif day is not None and data.date is not None and day != data.date:
            problems.append(
                Problem(
                    tr("同一凭证的日期必须相同", "one voucher has one date"),
                    row=row.number,
                    column="日期",
                )
            )
        data.lines.append(
            manual.VoucherLineInput(
                account=cell_text(row.cells.get("科目编码")),
                debit=_number(row, "借方金额", problems),
                credit=_number(row, "贷方金额", problems),
                summary=cell_text(row.cells.get("摘要")),
                partner=cell_text(row.cells.get("往来单位")),
                department=cell_text(row.cells.get("部门")),
                cash_flow_item=cell_text(row.cells.get("现金流量项目")),
                cost_object=cell_text(row.cells.get("成本对象")),
                row=row.number,
            )
        )
    return list(groups.values())


def import_vouchers(path: Path, approve: bool = False) -> VoucherImportResult:
    """Validates the whole file, then writes every voucher in one transaction."""
    problems: list[Problem] = []
    rows = list(read_rows(path, COLUMNS, REQUIRED, problems))
    if not rows and not problems:
        problems.append(Problem(tr("文件没有数据行", "The file has no data rows"), row=2))
    groups = _group(rows, problems)
    planned = []
    for data in groups:
        if data.date is None:
            continue
        planned.append((data, manual.build_entries(data, problems)))
    if problems:
        raise ValidationError(sorted_problems(problems, COLUMNS))
    result = VoucherImportResult()
    with write_transaction():
        for data, _entries in planned:
            voucher = manual.create_voucher(data)
            if approve:
                manual.review(voucher.id)
                manual.post(voucher.id)
                result.posted += 1
            result.vouchers += 1
            result.lines += len(data.lines)
            result.numbers.append(voucher.display_number)
    return result
