"""Cost reports: job-cost (订单法, per work order) and process-cost (分步法, per step and element).

job-cost keys: work_order, item, completed_qty, material, labour, overhead (beginning
WIP + the month's charges, per element), total, unit_cost (completed cost ÷ completed
qty), wip (ending), applied_overhead, actual_overhead.
process-cost keys: step, element, beginning_wip, added, equivalent_units,
cost_per_unit, transferred_out, ending_wip.
"""

from __future__ import annotations

from decimal import Decimal

from jxc_desktop.engine import money
from jxc_desktop.engine.company import period_code
from jxc_desktop.engine.errors import JxcError
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.reports import Column, Report, ReportParams, register
from jxc_desktop.models.masterdata import Item


def _period(params: ReportParams) -> str:
    if params.date_from is None:
        raise JxcError(tr("请用 --period YYYY-MM 指定期间", "Give the month with --period YYYY-MM"))
    return period_code(params.date_from)


def month_costs(params: ReportParams):
    """The cost objects of the month --period names (costing.compute)."""
    from jxc_desktop.engine.production.costing import compute

    return compute(_period(params))


def job_rows(params: ReportParams) -> list[dict]:
    """One row per work order costed in --period (订单法)."""
    rows = []
    for oc in month_costs(params):
        if oc.kind != "job":
            continue
        item = Item.get_or_none(Item.id == oc.item_id) if oc.item_id else None
        element = {e: oc.beginning[e] + oc.added[e] for e in oc.added}
        done = oc.total("transferred")
        rows.append(
            {
                "work_order": oc.key,
                "item": item.code if item else "",
                "item_name": item.name if item else "",
                "completed_qty": oc.completed_qty,
                **element,
                "total": sum(element.values(), Decimal(0)),
                "unit_cost": money.price(done / oc.completed_qty)
                if oc.completed_qty
                else Decimal(0),
                "wip": oc.total("ending"),
                "applied_overhead": oc.applied_overhead,
                "actual_overhead": oc.actual_overhead,
            }
        )
    return rows


def _element_label(element: str) -> str:
    """直接材料 / 直接人工 / 制造费用 for a cost element code."""
    zh, en = ELEMENTS[element]
    return tr(zh, en)


ELEMENTS = {
    "material": ("直接材料", "Material"),
    "labour": ("直接人工", "Labour"),
    "overhead": ("制造费用", "Overhead"),
}


def process_rows(params: ReportParams) -> list[dict]:
    """One row per process step and cost element in --period (分步法)."""
    rows = []
    for oc in month_costs(params):
        if oc.kind != "step":
            continue
        for e in ("material", "labour", "overhead"):
            rows.append(
                {
                    "step": oc.key,
                    "element": e,
                    "element_label": _element_label(e),
                    "beginning_wip": oc.beginning[e],
                    "added": oc.added[e],
                    "equivalent_units": oc.eu[e],
                    "cost_per_unit": oc.cpu[e],
                    "transferred_out": oc.transferred[e],
                    "ending_wip": oc.ending[e],
                }
            )
    return rows


M = "money"
register(
    Report(
        "job-cost",
        "订单成本计算单",
        "Job cost",
        [
            Column("work_order", "生产订单", "Work order"),
            Column("item", "产品", "Item"),
            Column("item_name", "产品名称", "Item name"),
            Column("completed_qty", "完工数量", "Completed", "qty"),
            Column("material", "直接材料", "Material", M),
            Column("labour", "直接人工", "Labour", M),
            Column("overhead", "制造费用", "Overhead", M),
            Column("total", "合计", "Total", M),
            Column("unit_cost", "单位成本", "Unit cost", "price"),
            Column("wip", "在产品", "WIP", M),
            Column("applied_overhead", "已分配制造费用", "Applied overhead", M),
            Column("actual_overhead", "实际制造费用", "Actual overhead", M),
        ],
        job_rows,
    )
)
register(
    Report(
        "process-cost",
        "分步成本计算单",
        "Process cost",
        [
            Column("step", "步骤", "Step"),
            Column("element", "成本项目", "Element"),
            Column("element_label", "成本项目", "Element"),
            Column("beginning_wip", "期初在产品", "Beginning WIP", M),
            Column("added", "本月投入", "Added", M),
            Column("equivalent_units", "约当产量", "Equivalent units", "qty"),
            Column("cost_per_unit", "单位成本", "Cost per unit", "price"),
            Column("transferred_out", "完工转出", "Transferred out", M),
            Column("ending_wip", "期末在产品", "Ending WIP", M),
        ],
        process_rows,
    )
)
