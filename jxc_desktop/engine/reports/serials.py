"""序列号跟踪: every movement of each serial number, and where it is now."""

from __future__ import annotations

import datetime as dt

from jxc_desktop.engine.reports import Column, Report, ReportParams, register
from jxc_desktop.engine.reports.stock import _filters
from jxc_desktop.models.db import execute


def trace_rows(params: ReportParams) -> list[dict]:
    cond, args = _filters(ReportParams(item=params.item), "s")
    serial = params.extra.get("serial")
    if serial:
        cond += " AND s.serial = ?"
        args.append(serial)
    rows = execute(
        "SELECT s.serial, i.code, d.date, d.number, d.doc_type, m.direction, m.reverses_id, "
        "w.code, s.in_stock FROM serial_move m JOIN serial_number s ON s.id = m.serial_id "
        "JOIN item i ON i.id = s.item_id JOIN document_line l ON l.id = m.line_id "
        "JOIN document d ON d.id = l.document_id LEFT JOIN warehouse w ON w.id = s.warehouse_id "
        f"WHERE 1 = 1 {cond} ORDER BY i.code, s.serial, m.id",
        args,
    ).fetchall()
    return [
        {
            "serial": r[0],
            "item": r[1],
            "date": r[2] if isinstance(r[2], dt.date) else dt.date.fromisoformat(str(r[2])),
            "number": r[3],
            "type": r[4],
            "direction": r[5],
            "reversal": r[6] is not None,
            "warehouse_now": r[7] or "",
            "in_stock": bool(r[8]),
        }
        for r in rows
    ]


register(
    Report(
        "serial-trace",
        "序列号跟踪",
        "Serial number trace",
        [
            Column("serial", "序列号", "Serial"),
            Column("item", "商品编码", "Item"),
            Column("date", "日期", "Date", "date"),
            Column("number", "单据编号", "Number"),
            Column("type", "类型", "Type"),
            Column("direction", "方向", "Direction", "int"),
            Column("reversal", "冲回", "Reversal", "bool"),
            Column("warehouse_now", "当前仓库", "Now in"),
            Column("in_stock", "在库", "In stock", "bool"),
        ],
        trace_rows,
    )
)
