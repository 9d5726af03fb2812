"""Production reports: bom-cost (and, from sibling modules, MRP and cost reports).

Keys are a contract (DOMAIN.md "Planning and costing from the command line"):
bom-cost: item, qty, material, operations, by_products, total (after the by-products'
share), unit_cost.
"""

from __future__ import annotations

from decimal import Decimal

from jxc_desktop.engine import lookup, money
from jxc_desktop.engine.errors import JxcError
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.reports import Column, Report, ReportParams, register


def require_item(code: str | None):
    """The item named by --item, or a readable error."""
    if not code:
        raise JxcError(tr("请用 --item 指定商品", "Give the item with --item"))
    item = lookup.item_by_code(code)
    if item is None:
        raise JxcError(tr("商品“{c}”不存在", "Item '{c}' does not exist", c=code))
    return item


def option_decimal(params: ReportParams, key: str, default: str) -> Decimal:
    """A positive decimal report option (e.g. --qty), exact."""
    text = str(params.extra.get(key) or default)
    try:
        value = money.D(text)
    except money.NotExactNumber as exc:
        raise JxcError(tr("--{k} 不是有效的数字", "--{k} is not a number", k=key)) from exc
    if value <= 0:
        raise JxcError(tr("--{k} 必须大于 0", "--{k} must be greater than 0", k=key))
    return value


def bom_cost_rows(params: ReportParams) -> list[dict]:
    """One row: the rolled-up cost of --qty (default 1) of --item; see docs/PRODUCTION.md."""
    from jxc_desktop.engine.production.bom_cost import roll_up

    item = require_item(params.item)
    cost = roll_up(item, option_decimal(params, "qty", "1"), params.date_to)
    return [
        {
            "item": item.code,
            "qty": cost.qty,
            "material": cost.material,
            "operations": cost.operations,
            "by_products": cost.by_products,
            "total": cost.total,
            "unit_cost": cost.unit_cost,
        }
    ]


register(
    Report(
        "bom-cost",
        "BOM 成本",
        "BOM cost roll-up",
        [
            Column("item", "商品编码", "Item"),
            Column("qty", "数量", "Quantity", "qty"),
            Column("material", "材料成本", "Material", "money"),
            Column("operations", "工序成本", "Operations", "money"),
            Column("by_products", "副产品分摊", "By-products' share", "money"),
            Column("total", "总成本", "Total", "money"),
            Column("unit_cost", "单位成本", "Unit cost", "price"),
        ],
        bom_cost_rows,
    )
)

# the sibling modules register the MRP and cost reports
import jxc_desktop.engine.reports.production_capacity  # noqa: E402, F401
import jxc_desktop.engine.reports.production_cost  # noqa: E402, F401
import jxc_desktop.engine.reports.production_mrp  # noqa: E402, F401
import jxc_desktop.engine.reports.production_outsourcing  # noqa: E402, F401
import jxc_desktop.engine.reports.production_restoration  # noqa: E402, F401
import jxc_desktop.engine.reports.production_summary  # noqa: E402, F401
