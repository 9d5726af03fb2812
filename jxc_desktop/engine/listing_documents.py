"""The "documents" list: every document type in one paged list, registered on import.

Filters: `doc_type` (one prefix), `doc_types` (a list or comma-separated prefixes),
`status` (draft / approved / void), `date_from` / `date_to` (dates or ISO text),
`warehouse` (a warehouse code: documents issuing from OR receiving into it), `item`
(an item id: documents with a line of that item). The search box matches the number
by prefix (an index range) or the external number by containment.
"""

from __future__ import annotations

import datetime as dt

from peewee import JOIN

from jxc_desktop.engine.doctypes import DOC_TYPES
from jxc_desktop.engine.errors import JxcError
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.listing import ListColumn, ListSpec, register
from jxc_desktop.models.company import User
from jxc_desktop.models.documents import Document, DocumentLine
from jxc_desktop.models.masterdata import Partner, Warehouse

STATUS_LABELS = {
    "draft": ("草稿", "Draft"),
    "approved": ("已审核", "Approved"),
    "void": ("作废", "Void"),
}
TYPE_LABELS = {prefix: (d.zh, d.en) for prefix, d in DOC_TYPES.items()}

_Dest = Warehouse.alias("dest_wh")
_Maker = User.alias("maker_user")
_Approver = User.alias("approver_user")


def _joins(query):
    return (
        query.join_from(
            Document, Warehouse, JOIN.LEFT_OUTER, on=(Document.warehouse == Warehouse.id)
        )
        .join_from(Document, _Dest, JOIN.LEFT_OUTER, on=(Document.dest_warehouse == _Dest.id))
        .join_from(Document, Partner, JOIN.LEFT_OUTER, on=(Document.partner == Partner.id))
        .join_from(Document, _Maker, JOIN.LEFT_OUTER, on=(Document.maker == _Maker.id))
        .join_from(Document, _Approver, JOIN.LEFT_OUTER, on=(Document.approver == _Approver.id))
    )


def _date(value) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError as exc:
        raise JxcError(tr("日期无效：{v}", "Invalid date: {v}", v=value)) from exc


def _types(value) -> list[str]:
    prefixes = value.split(",") if isinstance(value, str) else list(value)
    prefixes = [p.strip().upper() for p in prefixes if p.strip()]
    unknown = [p for p in prefixes if p not in DOC_TYPES]
    if unknown:
        raise JxcError(tr("未知的单据类型 {t}", "Unknown document type {t}", t=", ".join(unknown)))
    return prefixes


def _warehouse(code: str):
    ids = Warehouse.select(Warehouse.id).where(Warehouse.code == str(code).strip())
    return Document.warehouse.in_(ids) | Document.dest_warehouse.in_(ids)


def _with_item(item_id):
    docs = DocumentLine.select(DocumentLine.document).where(DocumentLine.item == int(item_id))
    return Document.id.in_(docs)


FILTERS = {
    "doc_type": lambda v: Document.doc_type == _types(v)[0],
    "doc_types": lambda v: Document.doc_type.in_(_types(v)),
    "status": lambda v: Document.status == v,
    "date_from": lambda v: Document.date >= _date(v),
    "date_to": lambda v: Document.date <= _date(v),
    "warehouse": _warehouse,
    "item": _with_item,
}


def _col(key, zh, en, expr, kind="text", **kw) -> ListColumn:
    return ListColumn(key, zh, en, kind, expr, **kw)


SPEC = register(
    ListSpec(
        "documents",
        "单据",
        "Documents",
        Document,
        [
            _col("number", "单据编号", "Number", Document.number),
            _col("external_number", "外部单号", "External no.", Document.external_number),
            _col("doc_type", "类型", "Type", Document.doc_type, "choice", choices=TYPE_LABELS),
            _col("date", "日期", "Date", Document.date, "date"),
            _col("status", "状态", "Status", Document.status, "choice", choices=STATUS_LABELS),
            _col("warehouse", "仓库", "Warehouse", Warehouse.name, joined=True),
            _col("dest_warehouse", "调入仓库", "To warehouse", _Dest.name, joined=True),
            _col("partner", "往来单位", "Partner", Partner.name, joined=True),
            _col("total", "金额", "Amount", Document.total_amount, "money"),
            _col("maker", "制单人", "Made by", _Maker.display_name, joined=True),
            _col("approver", "审核人", "Approved by", _Approver.display_name, joined=True),
            _col("remarks", "备注", "Remarks", Document.remarks),
        ],
        default_sort="number",
        code_field=Document.number,
        name_field=Document.external_number,
        joins=_joins,
        filters=FILTERS,
    )
)
