"""Supplier qualification documents (供应商资质): licences and certificates with expiry.

A qualification without a 有效期至 never expires. `expiring` lists those expired or
expiring within N days of a date (the reminder report); approving a 采购订单 to a
supplier whose qualification has expired on the order's date warns (postings.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from jxc_desktop.engine import lookup
from jxc_desktop.engine.errors import NotFound, Problem, require
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.session import audit
from jxc_desktop.models.base import now
from jxc_desktop.models.db import write_transaction
from jxc_desktop.models.masterdata import Partner
from jxc_desktop.models.quality import SupplierQualification


@dataclass
class QualificationData:
    partner: Partner | str
    kind: str
    number: str = ""
    issuer: str = ""
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    note: str = ""


def _build(data: QualificationData) -> dict:
    problems: list[Problem] = []
    partner = data.partner
    if not isinstance(partner, Partner):
        partner = lookup.partner_by_code(data.partner or "", "supplier")
        if partner is None:
            problems.append(
                Problem(
                    tr("供应商“{c}”不存在", "Supplier '{c}' does not exist", c=data.partner or ""),
                    "partner",
                )
            )
    elif partner.kind != "supplier":
        problems.append(
            Problem(tr("往来单位不是供应商", "The partner is not a supplier"), "partner")
        )
    if not (data.kind or "").strip():
        problems.append(Problem(tr("请填写资质类型", "A kind is required"), "kind"))
    for name in ("valid_from", "valid_to"):
        value = getattr(data, name)
        if value is not None and not isinstance(value, dt.date):
            problems.append(Problem(tr("日期无效", "Invalid date"), name))
    if (
        isinstance(data.valid_from, dt.date)
        and isinstance(data.valid_to, dt.date)
        and data.valid_to < data.valid_from
    ):
        problems.append(
            Problem(tr("有效期至早于生效日期", "Valid to is before valid from"), "valid_to")
        )
    require(problems)
    return {
        "partner": partner,
        "kind": data.kind.strip(),
        "number": (data.number or "").strip(),
        "issuer": (data.issuer or "").strip(),
        "valid_from": data.valid_from,
        "valid_to": data.valid_to,
        "note": data.note or "",
    }


def save_qualification(data: QualificationData, qid: int | None = None) -> SupplierQualification:
    """Creates a qualification, or replaces the one with id `qid`, or (without an id) the
    supplier's one of the same kind and number: a renewed certificate updates its dates."""
    row = _build(data)
    with write_transaction():
        if qid is None:
            same = SupplierQualification.get_or_none(
                (SupplierQualification.partner == row["partner"])
                & (SupplierQualification.kind == row["kind"])
                & (SupplierQualification.number == row["number"])
            )
            qid = same.id if same else None
        if qid is None:
            q = SupplierQualification.create(**row)
        else:
            q = _get(qid)
            for key, value in row.items():
                setattr(q, key, value)
            q.updated_at = now()
            q.save()
        audit("quality.qualification.save", row["partner"].code, row["kind"])
    return q


def _get(qid: int) -> SupplierQualification:
    q = SupplierQualification.get_or_none(SupplierQualification.id == qid)
    if q is None:
        raise NotFound(tr("资质不存在", "No such qualification"))
    return q


def delete_qualification(qid: int) -> None:
    with write_transaction():
        q = _get(qid)
        audit("quality.qualification.delete", q.partner.code, q.kind)
        q.delete_instance()


def qualifications(partner: Partner | int | None = None) -> list[SupplierQualification]:
    query = SupplierQualification.select(SupplierQualification, Partner).join(Partner)
    if partner is not None:
        query = query.where(SupplierQualification.partner == partner)
    return list(query.order_by(Partner.code, SupplierQualification.kind))


def status_of(q: SupplierQualification, on: dt.date, days: int) -> str:
    """expired / expiring (within `days`) / valid."""
    if q.valid_to is None:
        return "valid"
    if q.valid_to < on:
        return "expired"
    return "expiring" if (q.valid_to - on).days <= days else "valid"


STATUS_LABELS = {
    "expired": ("已过期", "Expired"),
    "expiring": ("即将到期", "Expiring"),
    "valid": ("有效", "Valid"),
}


def expiry_warnings(partner_id: int, on: dt.date) -> list[str]:
    """Messages for each of a supplier's qualifications that has expired by `on`."""
    expired = (
        SupplierQualification.select()
        .where(
            (SupplierQualification.partner == partner_id)
            & (SupplierQualification.valid_to.is_null(False))
            & (SupplierQualification.valid_to < on)
        )
        .order_by(SupplierQualification.valid_to)
    )
    return [
        tr(
            "提醒：供应商 {p} 的资质“{k}”（{n}）已于 {d} 过期",
            "Warning: supplier {p}'s qualification '{k}' ({n}) expired on {d}",
            p=q.partner.name,
            k=q.kind,
            n=q.number or "-",
            d=q.valid_to,
        )
        for q in expired
    ]
