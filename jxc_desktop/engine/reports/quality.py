"""Quality reports: the inspection summary and the qualification expiry reminder.

inspection-summary: approved 质检单 lines dated in --from/--to, one row per item,
supplier (the inspected receipt's; empty for production) and stage; --item and
--partner filter, --option stage=incoming|process|final picks one stage. Quantities in
the base unit; pass_rate = accepted ÷ inspected in percent (concessions do not pass).

supplier-qualifications: qualifications expired or expiring within --days N (default
30) of --to (default today); --option all=1 lists every qualification.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.quality import plans, qualifications, stats
from jxc_desktop.engine.reports import Column, Report, ReportParams, register
from jxc_desktop.models.masterdata import Partner

_FIGURES = ("inspected", "accepted", "rejected", "concession")


def summary_rows(params: ReportParams) -> list[dict]:
    stage = params.extra.get("stage") or None
    groups: dict[tuple, dict] = {}
    for line in stats.inspected_lines(params.date_from, params.date_to, stage):
        if params.item and line.item != params.item:
            continue
        if params.partner and line.supplier != params.partner:
            continue
        key = (line.item, line.supplier, line.stage)
        row = groups.setdefault(
            key,
            {
                "item": line.item,
                "item_name": line.item_name,
                "supplier": line.supplier,
                "supplier_name": line.supplier_name,
                "stage": line.stage,
                "stage_name": plans.stage_label(line.stage),
                "lines": 0,
                **{k: Decimal(0) for k in _FIGURES},
            },
        )
        row["lines"] += 1
        for k in _FIGURES:
            row[k] += getattr(line, k)
    out = [groups[k] for k in sorted(groups)]
    for row in out:
        row["pass_rate"] = stats.pass_rate(row["accepted"], row["inspected"])
    return out


register(
    Report(
        "inspection-summary",
        "质检汇总",
        "Inspection summary",
        [
            Column("item", "商品编码", "Item"),
            Column("item_name", "商品名称", "Item name"),
            Column("supplier", "供应商", "Supplier"),
            Column("supplier_name", "供应商名称", "Supplier name"),
            Column("stage", "检验阶段", "Stage"),
            Column("stage_name", "阶段名称", "Stage name"),
            Column("lines", "检验次数", "Inspections", "int"),
            Column("inspected", "检验数量", "Inspected", "qty"),
            Column("accepted", "合格数量", "Accepted", "qty"),
            Column("rejected", "不合格数量", "Rejected", "qty"),
            Column("concession", "让步接收", "Concession", "qty"),
            Column("pass_rate", "合格率%", "Pass rate %", "rate"),
        ],
        summary_rows,
    )
)


def qualification_rows(params: ReportParams) -> list[dict]:
    on = params.date_to or dt.date.today()
    days = int(str(params.extra.get("days") or 30))
    show_all = str(params.extra.get("all", "")) in ("1", "true", "yes")
    partner = Partner.get_or_none(Partner.code == params.partner) if params.partner else None
    if params.partner and partner is None:
        return []
    out = []
    for q in qualifications.qualifications(partner):
        status = qualifications.status_of(q, on, days)
        if status == "valid" and not show_all:
            continue
        out.append(
            {
                "supplier": q.partner.code,
                "supplier_name": q.partner.name,
                "kind": q.kind,
                "number": q.number,
                "issuer": q.issuer,
                "valid_from": q.valid_from,
                "valid_to": q.valid_to,
                "days_left": (q.valid_to - on).days if q.valid_to else None,
                "status": status,
                "status_name": tr(*qualifications.STATUS_LABELS[status]),
            }
        )
    return sorted(out, key=lambda r: (r["valid_to"] or dt.date.max, r["supplier"]))


register(
    Report(
        "supplier-qualifications",
        "供应商资质到期提醒",
        "Supplier qualifications",
        [
            Column("supplier", "供应商", "Supplier"),
            Column("supplier_name", "供应商名称", "Supplier name"),
            Column("kind", "资质类型", "Kind"),
            Column("number", "证书编号", "Number"),
            Column("issuer", "发证机关", "Issuer"),
            Column("valid_from", "生效日期", "Valid from", "date"),
            Column("valid_to", "有效期至", "Valid to", "date"),
            Column("days_left", "剩余天数", "Days left", "int"),
            Column("status", "状态", "Status"),
            Column("status_name", "状态名称", "Status name"),
        ],
        qualification_rows,
    )
)
