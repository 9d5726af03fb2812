"""`jxc import price-list|supplier-quotes FILE`: price grades and supplier quotes.

price-list headers: 价格等级 (empty = every customer), 商品编码, 起订数量, 单价 (excl. tax,
per base unit), 折扣 (percent), 生效日期, 失效日期. supplier-quotes headers: 供应商,
商品编码, 起订数量, 单价, 生效日期, 失效日期, 备注. The whole file is validated first
(every bad row named by row and column); then all rows are written in one transaction.
"""

from __future__ import annotations

from jxc_desktop.engine import lookup, money
from jxc_desktop.engine.errors import Problem, ValidationError
from jxc_desktop.engine.excel_read import cell_text, read_rows, sorted_problems
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.interchange.documents import _date, _number
from jxc_desktop.engine.session import audit
from jxc_desktop.models.db import write_transaction
from jxc_desktop.models.trade import PriceList, SupplierQuote

COLUMNS = {
    "price-list": ["价格等级", "商品编码", "起订数量", "单价", "折扣", "生效日期", "失效日期"],
    "supplier-quotes": ["供应商", "商品编码", "起订数量", "单价", "生效日期", "失效日期", "备注"],
}
REQUIRED = {"price-list": ["商品编码", "单价"], "supplier-quotes": ["供应商", "商品编码", "单价"]}


def _row_values(kind: str, row, problems: list[Problem]) -> dict | None:
    start = len(problems)
    code = cell_text(row.cells.get("商品编码"))
    item = lookup.item_by_code(code) if code else None
    if item is None:
        problems.append(
            Problem(
                tr("商品“{c}”不存在", "item '{c}' does not exist", c=code),
                row=row.number,
                column="商品编码",
            )
        )
    values = {
        "item": item,
        "min_qty": _number(row, "起订数量", problems, money.QTY_PLACES) or 0,
        "price": _number(row, "单价", problems, money.PRICE_PLACES),
        "valid_from": _date(row, "生效日期", problems),
        "valid_to": _date(row, "失效日期", problems),
    }
    if values["price"] is None:
        problems.append(Problem(tr("必填", "required"), row=row.number, column="单价"))
    if kind == "price-list":
        values["grade"] = cell_text(row.cells.get("价格等级"))
        values["discount"] = _number(row, "折扣", problems, money.RATE_PLACES) or 0
    else:
        supplier = lookup.partner_by_code(cell_text(row.cells.get("供应商")), "supplier")
        if supplier is None:
            problems.append(
                Problem(tr("供应商不存在", "no such supplier"), row=row.number, column="供应商")
            )
        values["supplier"] = supplier
        values["remarks"] = cell_text(row.cells.get("备注"))
    return values if len(problems) == start else None


def import_prices(kind: str, path) -> int:
    """Validates the whole sheet, then writes every row; returns how many were written."""
    problems: list[Problem] = []
    rows = [
        _row_values(kind, row, problems)
        for row in read_rows(path, COLUMNS[kind], REQUIRED[kind], problems)
    ]
    if problems:
        raise ValidationError(sorted_problems(problems, COLUMNS[kind]))
    model = PriceList if kind == "price-list" else SupplierQuote
    with write_transaction():
        for values in rows:
            model.create(**values)
        audit(f"import.{kind}", str(path), str(len(rows)))
    return len(rows)
