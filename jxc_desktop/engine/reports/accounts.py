"""The chart of accounts as a report (`jxc report accounts`)."""

from __future__ import annotations

from jxc_desktop.engine.reports import Column, Report, ReportParams, register
from jxc_desktop.models.accounting import Account


def _accounts(params: ReportParams) -> list[dict]:
    parents = {a.id: a.code for a in Account.select(Account.id, Account.code)}
    return [
        {
            "code": a.code,
            "name": a.name,
            "category": a.category,
            "direction": a.direction,
            "level": a.level,
            "parent": parents.get(a.parent_id, ""),
            "active": a.active,
        }
        for a in Account.select().order_by(Account.code)
    ]


register(
    Report(
        "accounts",
        "会计科目",
        "Chart of accounts",
        [
            Column("code", "科目编码", "Code"),
            Column("name", "科目名称", "Name"),
            Column("category", "类别", "Category"),
            Column("direction", "余额方向", "Direction"),
            Column("level", "级次", "Level", "int"),
            Column("parent", "上级科目", "Parent"),
            Column("active", "启用", "Active", "bool"),
        ],
        _accounts,
    )
)
