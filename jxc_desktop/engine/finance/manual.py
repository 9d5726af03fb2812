"""Manual vouchers (手工凭证): draft → 审核 reviewed → 记账 posted, and back one step.

A manual voucher is entered (or imported) as lines naming an account (by code or
name), a debit or a credit, and optional analysis: partner, department, cash-flow item
and cost object. Validation collects every problem; a voucher that does not balance is
refused. Review by the maker is refused when the setting `voucher_self_review` is
`refuse`. Nothing in a closed period can change. Vouchers written by business
documents are changed only through their documents.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from jxc_desktop.engine import money, settings
from jxc_desktop.engine.company import is_period_closed
from jxc_desktop.engine.errors import NotFound, Problem, StateError, require
from jxc_desktop.engine.finance import cashflow
from jxc_desktop.engine.finance.account_lookup import find_account
from jxc_desktop.engine.finance.ledger import Entry, write_lines, write_voucher
from jxc_desktop.engine.i18n import get_language, tr
from jxc_desktop.engine.session import audit, current_user
from jxc_desktop.models.accounting import Account
from jxc_desktop.models.base import now
from jxc_desktop.models.db import write_transaction
from jxc_desktop.models.finance import Voucher, VoucherLine
from jxc_desktop.models.masterdata import Department, Partner

ZERO = Decimal(0)


@dataclass
class VoucherLineInput:
    account: str
    debit: Decimal | str | None = None
    credit: Decimal | str | None = None
    summary: str = ""
    partner: str = ""
    department: str = ""
    cash_flow_item: str = ""
    cost_object: str = ""
    row: int | None = None  # the spreadsheet row of an imported line


@dataclass
class VoucherInput:
    date: dt.date
    summary: str = ""
    lines: list[VoucherLineInput] = field(default_factory=list)
    attachments: int = 0
    external_number: str = ""


def _amount(value, column: str, problem) -> Decimal:
    if value is None or value == "":
        return ZERO
    try:
        amount = money.D(value)
    except money.NotExactNumber:
        problem(tr("不是有效的数字：{v}", "not a plain decimal number: {v}", v=value), column)
        return ZERO
    if money.places_of(amount) > 2:
        problem(tr("最多 2 位小数", "at most 2 decimal places"), column)
        return ZERO
    return amount


def _line_entry(
    no: int, line: VoucherLineInput, summary: str, problems: list[Problem]
) -> Entry | None:
    start = len(problems)

    def problem(msg, column):
        where = None if line.row else tr("第 {n} 行", "line {n}", n=no)
        problems.append(Problem(msg, where, row=line.row, column=column if line.row else None))

    account = find_account(line.account)
    if account is None:
        problem(tr("科目“{a}”不存在", "Account '{a}' does not exist", a=line.account), "科目编码")
    elif Account.select().where(Account.parent == account).exists():
        problem(
            tr("请使用末级科目 {a}", "Use a leaf account under {a}", a=account.code), "科目编码"
        )
    debit = _amount(line.debit, "借方金额", problem)
    credit = _amount(line.credit, "贷方金额", problem)
    if (debit != 0) == (credit != 0):
        problem(tr("借方、贷方金额须填且只填一个", "Enter either a debit or a credit"), "借方金额")
    partner = None
    if line.partner:
        partner = Partner.get_or_none(Partner.code == line.partner.strip())
        if partner is None:
            problem(
                tr("往来单位 {c} 不存在", "Partner {c} does not exist", c=line.partner), "往来单位"
            )
    dept = None
    if line.department:
        dept = Department.get_or_none(
            (Department.code == line.department) | (Department.name == line.department)
        )
        if dept is None:
            problem(
                tr("部门 {c} 不存在", "Department {c} does not exist", c=line.department), "部门"
            )
    cf = ""
    if line.cash_flow_item:
        item = cashflow.item_by_text(line.cash_flow_item)
        if item is None:
            problem(tr("现金流量项目不存在", "No such cash-flow item"), "现金流量项目")
        cf = item.code if item else ""
    if len(problems) > start:
        return None
    return Entry(
        account.code,
        debit - credit,
        summary=line.summary or summary,
        partner_id=partner.id if partner else None,
        department_id=dept.id if dept else None,
        cost_object=line.cost_object.strip(),
        cash_flow_item=cf,
    )


def build_entries(data: VoucherInput, problems: list[Problem]) -> list[Entry]:
    """Every problem of one voucher input goes to `problems`; returns its entries."""
    first_row = data.lines[0].row if data.lines else None
    if not isinstance(data.date, dt.date):
        problems.append(Problem(tr("日期无效", "Invalid date"), "date", row=first_row))
    elif is_period_closed(data.date):
        problems.append(
            Problem(
                tr("{d} 所在期间已结账", "The period of {d} is closed", d=data.date),
                None if first_row else "date",
                row=first_row,
                column="日期" if first_row else None,
            )
        )
    if len(data.lines) < 2:
        problems.append(Problem(tr("凭证至少两行", "A voucher needs two lines"), row=first_row))
    entries = [_line_entry(n, ln, data.summary, problems) for n, ln in enumerate(data.lines, 1)]
    entries = [e for e in entries if e is not None]
    if len(entries) == len(data.lines):
        difference = sum((e.amount for e in entries), ZERO)
        if difference:
            problems.append(
                Problem(
                    tr(
                        "借贷不平衡：借方比贷方多 {d}",
                        "Debits and credits differ by {d}",
                        d=money.format_money(difference),
                    ),
                    None if first_row else "lines",
                    row=first_row,
                    column="借方金额" if first_row else None,
                )
            )
    return entries


def _summary(data: VoucherInput) -> str:
    return data.summary or (data.lines[0].summary if data.lines else "")


def create_voucher(data: VoucherInput) -> Voucher:
    """Saves a manual voucher as a draft (numbered in its month)."""
    problems: list[Problem] = []
    entries = build_entries(data, problems)
    require(problems)
    with write_transaction():
        voucher = write_voucher(
            data.date,
            _summary(data),
            entries,
            kind="manual",
            attachments=data.attachments,
            external_number=data.external_number,
            status="draft",
            maker=current_user(),
        )
        audit("voucher.create", f"{voucher.period} {voucher.display_number}")
    return voucher


def get_voucher(voucher_id: int) -> Voucher:
    voucher = Voucher.get_or_none(Voucher.id == voucher_id)
    if voucher is None:
        raise NotFound(tr("凭证不存在", "No such voucher") + f": {voucher_id}")
    return voucher


def _require_state(voucher: Voucher, status: str, action_zh: str, action_en: str) -> None:
    if is_period_closed(voucher.date):
        raise StateError(
            tr("凭证所在期间已结账", "The voucher's period is closed") + f": {voucher.period}"
        )
    if voucher.status != status:
        raise StateError(
            tr(
                "凭证 {n} 状态为 {s}，不能{a}",
                "Voucher {n} is {s}; cannot {a} it",
                n=voucher.display_number,
                s=voucher.status,
                a=action_zh if get_language() == "zh_CN" else action_en,
            )
        )


def _require_manual(voucher: Voucher) -> None:
    if voucher.kind != "manual":
        raise StateError(
            tr(
                "业务单据生成的凭证只能通过单据修改",
                "A voucher written by a document changes only through its document",
            )
        )


def edit_voucher(voucher_id: int, data: VoucherInput) -> Voucher:
    """Replaces a draft manual voucher's date, summary and lines (same period)."""
    problems: list[Problem] = []
    entries = build_entries(data, problems)
    require(problems)
    with write_transaction():
        voucher = get_voucher(voucher_id)
        _require_manual(voucher)
        _require_state(voucher, "draft", "修改", "edit")
        if data.date.strftime("%Y-%m") != voucher.period:
            raise StateError(tr("不能改到其他期间", "Cannot move a voucher to another period"))
        VoucherLine.delete().where(VoucherLine.voucher == voucher).execute()
        voucher.date, voucher.summary = data.date, _summary(data)
        voucher.attachments = data.attachments
        voucher.save()
        write_lines(voucher, entries)
        audit("voucher.edit", f"{voucher.period} {voucher.display_number}")
    return voucher


def review(voucher_id: int) -> None:
    """审核; refused for the maker when the company asks for a second person."""
    with write_transaction():
        voucher = get_voucher(voucher_id)
        _require_state(voucher, "draft", "审核", "review")
        user = current_user()
        if (
            settings.get("voucher_self_review") == "refuse"
            and voucher.maker_id is not None
            and user is not None
            and voucher.maker_id == user.id
        ):
            raise StateError(
                tr("制单人不能审核自己的凭证", "The maker cannot review their own voucher")
            )
        voucher.status, voucher.reviewer, voucher.reviewed_at = "reviewed", user, now()
        voucher.save()
        audit("voucher.review", f"{voucher.period} {voucher.display_number}")


def unreview(voucher_id: int) -> None:
    """取消审核: a reviewed, not yet posted voucher goes back to draft."""
    with write_transaction():
        voucher = get_voucher(voucher_id)
        _require_state(voucher, "reviewed", "取消审核", "un-review")
        voucher.status, voucher.reviewer, voucher.reviewed_at = "draft", None, None
        voucher.save()
        audit("voucher.unreview", f"{voucher.period} {voucher.display_number}")


def post(voucher_id: int) -> None:
    """记账: a reviewed voucher is posted."""
    with write_transaction():
        voucher = get_voucher(voucher_id)
        _require_state(voucher, "reviewed", "记账", "post")
        voucher.status, voucher.poster, voucher.posted_at = "posted", current_user(), now()
        voucher.save()
        audit("voucher.post", f"{voucher.period} {voucher.display_number}")


def delete_draft(voucher_id: int) -> None:
    with write_transaction():
        voucher = get_voucher(voucher_id)
        _require_manual(voucher)
        _require_state(voucher, "draft", "删除", "delete")
        label = f"{voucher.period} {voucher.display_number}"
        VoucherLine.delete().where(VoucherLine.voucher == voucher).execute()
        voucher.delete_instance()
        audit("voucher.delete", label)
