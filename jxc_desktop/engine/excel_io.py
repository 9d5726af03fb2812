"""Excel interchange for base data: templates, imports, error reports, list exports.

- `write_template(kind, path)`: the sheet with its headers, drop-down lists and a
  填写说明 sheet explaining every column.
- `import_file(kind, path, update=False)`: xlsx or UTF-8 csv; the whole file is
  validated first and written in one transaction, or nothing is written and a
  ValidationError lists every bad row (row number as in the sheet, column, reason).
  An existing code is refused unless `update` is true, then that row updates it.
- `write_error_report(problems, path)`: those problems as an xlsx.
- `export_list(name, path, search="")`: any list to xlsx, streamed (write-only), so
  1,000,000 rows fit in little memory. Items, customers, suppliers and warehouses are
  written in their import format, so an export can be imported elsewhere.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from jxc_desktop.engine import excel_export, excel_items, excel_partners
from jxc_desktop.engine.errors import JxcError, Problem
from jxc_desktop.engine.excel_sheets import FORMATS
from jxc_desktop.engine.i18n import tr
from jxc_desktop.models.db import write_transaction

SHEET_KINDS = tuple(FORMATS)


@dataclass
class ImportResult:
    kind: str
    created: int = 0
    updated: int = 0
    categories_created: int = 0

    @property
    def rows(self) -> int:
        return self.created + self.updated


def _check_kind(kind: str) -> None:
    if kind not in FORMATS:
        raise JxcError(
            tr(
                "未知的资料类型 {k}；可用: {a}",
                "Unknown kind {k}; known: {a}",
                k=kind,
                a=", ".join(FORMATS),
            )
        )


def import_file(
    kind: str,
    path: str | Path,
    update: bool = False,
    progress: Callable[[int, int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> ImportResult:
    """Imports a base-data sheet in one transaction; every problem at once, or nothing.

    For items, progress(done, total) is called every 1,000 rows (total 0 = unknown) and
    should_stop() may cancel; a cancelled import writes nothing.
    """
    _check_kind(kind)
    with write_transaction():
        if kind == "items":
            counts = excel_items.import_items(path, update, progress, should_stop)
        elif kind == "warehouses":
            counts = excel_partners.import_warehouses(path, update)
        else:
            counts = excel_partners.import_partners(kind, path, update)
    return ImportResult(kind, **counts)


def write_template(kind: str, path: str | Path) -> Path:
    """An empty sheet for `kind` with its 填写说明 (instructions) sheet."""
    _check_kind(kind)
    return excel_export.write_template(FORMATS[kind], Path(path))


def write_error_report(problems: list[Problem], path: str | Path) -> Path:
    """The problems of a refused import as an xlsx: 行号, 列, 错误原因."""
    return excel_export.write_error_report(problems, Path(path))


def export_list(name: str, path: str | Path, search: str = "") -> int:
    """Writes a list (a ListSpec name) to xlsx; returns the number of data rows."""
    if name in FORMATS:
        return excel_export.export_sheet(FORMATS[name], Path(path), search)
    return excel_export.export_listing(name, Path(path), search)


__all__ = [
    "ImportResult",
    "SHEET_KINDS",
    "export_list",
    "import_file",
    "write_error_report",
    "write_template",
]
