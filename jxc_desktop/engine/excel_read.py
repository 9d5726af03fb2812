"""Reading spreadsheet rows exactly: xlsx (openpyxl, read-only, streaming) or UTF-8 csv.

Rows are numbered as the spreadsheet shows them (header = row 1). Header names must
match exactly (order free); an unknown, repeated or missing header is an error. Cells
are read without float arithmetic: a numeric cell goes through the shortest text of
the Python number (repr), text is taken as typed; exponents, NaN and infinity are
refused by money.D wherever a number is expected.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from jxc_desktop.engine import money
from jxc_desktop.engine.errors import JxcError, Problem
from jxc_desktop.engine.i18n import tr

YES = {"是", "y", "yes", "true", "1", "√", "✓"}
NO = {"否", "n", "no", "false", "0", ""}


def csv_encoding(path: Path) -> str:
    """UTF-8 (with or without BOM), or GB18030: what Excel on Chinese Windows saves."""
    data = path.read_bytes()
    try:
        data.decode("utf-8-sig")
        return "utf-8-sig"
    except UnicodeDecodeError:
        pass
    try:
        data.decode("gb18030")
        return "gb18030"
    except UnicodeDecodeError as exc:
        raise JxcError(
            tr(
                "无法识别 CSV 文件的编码（请另存为 UTF-8）：{p}",
                "Cannot read the CSV file's encoding (save it as UTF-8): {p}",
                p=path,
            )
        ) from exc


@dataclass
class SheetRow:
    """One data row: its number in the sheet and its cells by header name."""

    number: int
    cells: dict[str, object]


def cell_text(value: object) -> str:
    """A cell as text: codes typed as numbers come back without '.0' (6901234567892)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer() and abs(value) < 2**53:
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def cell_number(value: object) -> Decimal | str | None:
    """A number cell as an exact Decimal, or the offending text (for the error message).

    None for an empty cell. A float cell uses repr(), the shortest text that reads back
    as the same float, i.e. what the user typed (0.1 -> "0.1"), never binary arithmetic.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        return str(value)
    text = repr(value) if isinstance(value, float) else str(value).strip()
    try:
        return money.D(text)
    except money.NotExactNumber:
        return text


def cell_bool(value: object) -> bool | None:
    """是/否 (also Y/N, TRUE/FALSE, 1/0); None when the text is neither."""
    if isinstance(value, bool):
        return value
    text = cell_text(value).lower()
    if text in YES:
        return True
    if text in NO:
        return False
    return None


def _check_header(raw: list, known: list[str], required: list[str]) -> tuple[list, list[Problem]]:
    problems: list[Problem] = []
    header = [cell_text(h) for h in raw]
    seen: set[str] = set()
    for name in header:
        if not name:
            continue
        if name not in known:
            problems.append(
                Problem(
                    tr(
                        "未知的列 {c}；可用的列: {k}",
                        "Unknown column {c}; known columns: {k}",
                        c=name,
                        k="、".join(known),
                    ),
                    row=1,
                    column=name,
                )
            )
        elif name in seen:
            problems.append(Problem(tr("列重复", "Repeated column"), row=1, column=name))
        seen.add(name)
    for name in required:
        if name not in seen:
            problems.append(
                Problem(tr("缺少必需的列", "Required column missing"), row=1, column=name)
            )
    return header, problems


class SheetReader:
    """Iterates the data rows of a sheet; header problems go to `problems` (then no rows).

    `total` is the number of rows below the header once iteration has started (None
    when the file does not say), for progress reports. Blank rows are skipped; a value
    under a column without a header is reported.
    """

    def __init__(self, path, known: list[str], required: list[str], problems: list[Problem]):
        self.path = Path(path)
        self.known, self.required, self.problems = known, required, problems
        self.total: int | None = None
        if not self.path.exists():
            raise JxcError(tr("找不到文件 {p}", "File not found: {p}", p=self.path))
        suffix = self.path.suffix.lower()
        if suffix not in (".csv", ".xlsx", ".xlsm"):
            raise JxcError(
                tr("只支持 .xlsx 或 .csv 文件: {p}", "Only .xlsx or .csv files: {p}", p=self.path)
            )

    def _raw_rows(self) -> Iterator[tuple]:
        if self.path.suffix.lower() == ".csv":
            with self.path.open(encoding=csv_encoding(self.path), newline="") as handle:
                self.total = max(0, sum(1 for _ in handle) - 1)
                handle.seek(0)
                yield from (tuple(r) for r in csv.reader(handle))
            return
        import zipfile

        from openpyxl import load_workbook

        try:
            wb = load_workbook(self.path, read_only=True, data_only=True)
        except (zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
            raise JxcError(
                tr(
                    "不是有效的 Excel (.xlsx) 文件：{p}",
                    "Not a valid Excel (.xlsx) file: {p}",
                    p=self.path,
                )
            ) from exc
        try:
            sheet = wb.worksheets[0]
            self.total = sheet.max_row - 1 if sheet.max_row else None
            yield from sheet.iter_rows(values_only=True)
        finally:
            wb.close()

    def __iter__(self) -> Iterator[SheetRow]:
        rows = self._raw_rows()
        first = next(rows, None)
        if first is None:
            self.problems.append(
                Problem(tr("文件是空的（没有表头）", "The file is empty (no header row)"), row=1)
            )
            return
        header, header_problems = _check_header(list(first), self.known, self.required)
        self.problems.extend(header_problems)
        if header_problems:
            return
        for number, raw in enumerate(rows, start=2):
            row = self._row(header, number, raw)
            if row is not None:
                yield row

    def _row(self, header: list[str], number: int, raw: tuple) -> SheetRow | None:
        cells: dict[str, object] = {}
        blank = True
        for index, value in enumerate(raw):
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            blank = False
            name = header[index] if index < len(header) else ""
            if not name:
                self.problems.append(
                    Problem(
                        tr("该列没有表头", "This column has no header"),
                        row=number,
                        column=f"#{index + 1}",
                    )
                )
                continue
            cells[name] = value
        return None if blank else SheetRow(number, cells)


def read_rows(
    path, known: list[str], required: list[str], problems: list[Problem]
) -> Iterator[SheetRow]:
    """The data rows of the first sheet (see SheetReader)."""
    return iter(SheetReader(path, known, required, problems))


def sorted_problems(problems: list[Problem], headers: list[str]) -> list[Problem]:
    """Problems in sheet order: by row, then by the column's place in the format."""
    place = {h: i for i, h in enumerate(headers)}
    return sorted(problems, key=lambda p: (p.row or 0, place.get(p.column or "", len(place))))
