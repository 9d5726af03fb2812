"""有限产能排程 reports (engine/production/capacity_level.py).

- `jxc report capacity-schedule [--from DATE]`: one row per open work order in
  scheduling order (earliest due date first): number, item, item_name, status (planned / released / in_progress),
  status_label, qty (still to
  make), hours, earliest (its own date), planned_start /
  planned_finish (the dates an earlier apply stored, if any), start, finish, due, lateness (days, finish −
  due; negative = early), late, movable (apply may set its dates), problem.
- `jxc report capacity-schedule-load [--from DATE] [--to DATE]`: per day and work
  centre from --from (default today) to --to (default the last scheduled day):
  capacity (the calendar's hours), scheduled, free, orders.
"""

from __future__ import annotations

from jxc_desktop.engine.production import capacity_level
from jxc_desktop.engine.reports import Column, Report, ReportParams, register


def schedule_rows(params: ReportParams) -> list[dict]:
    """The proposed start and finish of every open work order."""
    return capacity_level.order_rows(capacity_level.level(params.date_from))


def schedule_load_rows(params: ReportParams) -> list[dict]:
    """Scheduled hours against the calendar per day and centre."""
    schedule = capacity_level.level(params.date_from)
    return schedule.load_rows(params.date_to)


ORDER_COLUMNS = [
    Column("number", "生产订单", "Work order"),
    Column("item", "产品", "Product"),
    Column("item_name", "产品名称", "Product name"),
    Column("status", "状态代码", "Status code"),
    Column("status_label", "状态", "Status"),
    Column("qty", "未完工数量", "Qty to make", "qty"),
    Column("hours", "工时(小时)", "Hours", "qty"),
    Column("earliest", "最早开工", "Earliest", "date"),
    Column("planned_start", "已定开工", "Planned start", "date"),
    Column("planned_finish", "已定完工", "Planned finish", "date"),
    Column("start", "计划开工", "Start", "date"),
    Column("finish", "计划完工", "Finish", "date"),
    Column("due", "交货日期", "Due", "date"),
    Column("lateness", "完工比交期晚(天)", "Finish after due (days)", "int"),
    Column("late", "延误", "Late", "bool"),
    Column("movable", "可调整", "Movable", "bool"),
    Column("problem", "问题", "Problem"),
]

LOAD_COLUMNS = [
    Column("date", "日期", "Date", "date"),
    Column("work_centre", "工作中心", "Work centre"),
    Column("name", "名称", "Name"),
    Column("capacity", "产能(小时)", "Capacity (h)", "qty"),
    Column("scheduled", "已排(小时)", "Scheduled (h)", "qty"),
    Column("free", "剩余(小时)", "Free (h)", "qty"),
    Column("orders", "订单", "Orders"),
]

register(
    Report("capacity-schedule", "有限产能排程", "Finite schedule", ORDER_COLUMNS, schedule_rows)
)
register(
    Report(
        "capacity-schedule-load",
        "排程负荷",
        "Scheduled load",
        LOAD_COLUMNS,
        schedule_load_rows,
    )
)
