"""Capacity report (`jxc report capacity [--from] [--to] [--option planned=no]`).

Keys: date, work_centre, name, capacity (hours a day), load (hours), utilisation
(percent), overloaded (load > capacity), orders (the work orders and MRP planned
orders behind the load). Every centre on every day of the range (default: today and
the next 13 days); see engine/production/capacity.py.
"""

from __future__ import annotations

import datetime as dt

from jxc_desktop.engine.reports import Column, Report, ReportParams, register


def capacity_rows(params: ReportParams) -> list[dict]:
    """One row per work centre and day."""
    from jxc_desktop.engine.production.capacity import capacity_plan

    start = params.date_from or dt.date.today()
    end = params.date_to or start + dt.timedelta(days=13)
    planned = str(params.extra.get("planned", "yes")).lower() not in ("no", "0", "false")
    return [
        {
            "date": cell.day,
            "work_centre": cell.centre.code,
            "name": cell.centre.name,
            "capacity": cell.capacity,
            "load": cell.load,
            "utilisation": cell.utilisation,
            "overloaded": cell.overloaded,
            "orders": ", ".join(dict.fromkeys(cell.orders)),
        }
        for cell in capacity_plan(start, end, planned)
    ]


register(
    Report(
        "capacity",
        "产能负荷",
        "Work-centre load",
        [
            Column("date", "日期", "Date", "date"),
            Column("work_centre", "工作中心", "Work centre"),
            Column("name", "名称", "Name"),
            Column("capacity", "产能(小时)", "Capacity (h)", "qty"),
            Column("load", "负荷(小时)", "Load (h)", "qty"),
            Column("utilisation", "负荷率%", "Utilisation %", "money"),
            Column("overloaded", "超负荷", "Overloaded", "bool"),
            Column("orders", "订单", "Orders"),
        ],
        capacity_rows,
    )
)
