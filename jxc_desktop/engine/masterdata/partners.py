"""Customers and suppliers (往来单位); codes are unique within each kind."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jxc_desktop.engine.errors import Problem, require
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.masterdata import common as c
from jxc_desktop.engine.session import audit
from jxc_desktop.models.db import write_transaction
from jxc_desktop.models.documents import Document
from jxc_desktop.models.masterdata import Partner

PARTNER_KINDS = ("customer", "supplier")
# 统一社会信用代码 (GB 32100-2015): 18 characters from this set, the last a check character.
USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


@dataclass
class PartnerData:
    kind: str  # customer / supplier
    code: str
    name: str
    contact: str = ""
    phone: str = ""
    address: str = ""
    tax_number: str = ""
    bank_account: str = ""
    credit_limit: Decimal | str | int = Decimal(0)
    credit_rating: str = ""
    payment_terms_days: int | str = 0
    price_grade: str = ""


def uscc_check_char(first17: str) -> str:
    """The check character of a 统一社会信用代码 from its first 17 characters."""
    total = sum(USCC_CHARS.index(ch) * w for ch, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_CHARS[(31 - total % 31) % 31]


def tax_number_problem(value: str) -> tuple[str, str] | None:
    """(zh, en) when a tax number is malformed; 15/17/20-character legacy numbers pass."""
    if not value:
        return None
    if len(value) == 18:
        if any(ch not in USCC_CHARS for ch in value):
            return ("税号含有无效字符", "The tax number has invalid characters")
        if uscc_check_char(value[:17]) != value[17]:
            return (
                "税号（统一社会信用代码）校验位错误",
                "The tax number (USCC) has a wrong check character",
            )
        return None
    if len(value) in (15, 17, 20) and value.isalnum() and value.isascii():
        return None
    return (
        "税号应为 18 位统一社会信用代码（或 15/17/20 位旧税号）",
        "A tax number has 18 characters (USCC) or 15/17/20 (legacy)",
    )


def check_partner(data: PartnerData, codes: dict, partner_id=None) -> tuple[list[Problem], dict]:
    """Every rule for one partner; `codes` maps (kind, code) to the id or row holding it."""
    problems: list[Problem] = []
    kind = c.choice(problems, "kind", data.kind, PARTNER_KINDS, tr("往来单位类型", "Partner kind"))
    code = c.required_code(problems, "code", data.code, tr("编码", "Code"))
    owner = codes.get((kind, code)) if code else None
    if owner is not None and owner != partner_id:
        where = f"（与 {owner} 重复）" if isinstance(owner, str) else "（已存在）"
        where_en = f" (duplicates {owner})" if isinstance(owner, str) else " (already exists)"
        problems.append(
            Problem(tr("编码 {c} 重复", "Code {c} is taken", c=code) + tr(where, where_en), "code")
        )
    values = {"kind": kind, "code": code}
    values["name"] = c.required_text(problems, "name", data.name, tr("名称", "Name"))
    for key, zh, en in (
        ("contact", "联系人", "Contact"),
        ("phone", "电话", "Phone"),
        ("address", "地址", "Address"),
        ("bank_account", "银行账户", "Bank account"),
        ("credit_rating", "信用等级", "Credit rating"),
        ("price_grade", "价格等级", "Price grade"),
    ):
        values[key] = c.optional_text(problems, key, getattr(data, key), tr(zh, en))
    tax = c.text_of(data.tax_number).upper()
    bad = tax_number_problem(tax)
    if bad:
        problems.append(Problem(tr(*bad), "tax_number"))
    values["tax_number"] = tax
    values["credit_limit"] = c.number(
        problems, "credit_limit", data.credit_limit, 2, tr("信用额度", "Credit limit")
    )
    values["payment_terms_days"] = c.whole_number(
        problems,
        "payment_terms_days",
        data.payment_terms_days,
        tr("付款期限天数", "Payment terms days"),
    )
    return problems, values


def partner_codes() -> dict:
    return {
        (k, code): pid
        for pid, k, code in Partner.select(Partner.id, Partner.kind, Partner.code).tuples()
    }


def validate_partner(data: PartnerData, partner_id: int | None = None) -> list[Problem]:
    return check_partner(data, partner_codes(), partner_id)[0]


def save_partner(data: PartnerData, partner_id: int | None = None) -> Partner:
    """Creates or updates a customer or supplier in one transaction."""
    with write_transaction():
        if partner_id is not None:
            c.get_or_fail(Partner, partner_id, "往来单位", "Partner")
        problems, values = check_partner(data, partner_codes(), partner_id)
        require(problems)
        if partner_id is None:
            row = Partner.create(**values)
        else:
            Partner.update(**values).where(Partner.id == partner_id).execute()
            row = Partner.get_by_id(partner_id)
        audit(f"{row.kind}.save", row.code)
    return row


def partner_data(partner_id: int) -> PartnerData:
    row = c.get_or_fail(Partner, partner_id, "往来单位", "Partner")
    return PartnerData(
        kind=row.kind,
        code=row.code,
        name=row.name,
        contact=row.contact,
        phone=row.phone,
        address=row.address,
        tax_number=row.tax_number,
        bank_account=row.bank_account,
        credit_limit=row.credit_limit,
        credit_rating=row.credit_rating,
        payment_terms_days=row.payment_terms_days,
        price_grade=row.price_grade,
    )


def set_partner_active(partner_id: int, active: bool) -> None:
    c.set_active(Partner, partner_id, active, "partner", "往来单位", "Partner")


def delete_partner(partner_id: int) -> None:
    """Deletes a partner no document names; otherwise refuses (deactivate instead)."""
    row = c.get_or_fail(Partner, partner_id, "往来单位", "Partner")
    in_use = Document.select().where(Document.partner == partner_id).exists()
    c.delete_row(row, "partner.delete", row.code, in_use, "往来单位", "Partner")
