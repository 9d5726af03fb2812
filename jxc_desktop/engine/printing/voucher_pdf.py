"""记账凭证 printed in the standard Chinese form (labels in English when the language is).

One form is 210 × 148 mm: title 记账凭证 (double-ruled), 核算单位, the date as
YYYY 年 MM 月 DD 日, the number 记字第 0001 号 and 附单据 N 张; a ruled table
摘要 / 会计科目 / 借方金额 / 贷方金额 with SHEET_ROWS line rows; a 合计 row with the
amount in 人民币大写 and both totals; the signature line 会计主管 记账 审核 出纳 制单.
Layout 'a5': one form per A5 landscape page; 'a4': two forms per A4 portrait page
(the usual half-sheet 凭证纸, cut along the middle).

A voucher with more lines than a form holds goes on to further forms numbered
记-0001 1/2, 2/2; every form but the last closes with 过次页 and the running totals.
Red-letter amounts (a reversal's negative lines) print in red with a minus sign.
The account cell shows the full name path (应交税费—应交增值税—销项税额) and the
auxiliary partner under it; long text shrinks, then is cut with '…', never overflows.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, A5, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from jxc_desktop.engine.company import get_company
from jxc_desktop.engine.errors import JxcError
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.money import format_money, rmb_upper
from jxc_desktop.engine.printing.fonts import cjk_font
from jxc_desktop.engine.printing.textfit import fit_text, text_width, wrap_lines
from jxc_desktop.models.accounting import Account
from jxc_desktop.models.finance import Voucher, VoucherLine

LAYOUTS = ("a4", "a5")
SHEET_ROWS = 6
FORM_W, FORM_H = 210 * mm, 148 * mm
SIDE = 12 * mm
COLS = [52 * mm, 64 * mm, 35 * mm, 35 * mm]  # 摘要, 会计科目, 借方, 贷方 = 186 mm
HEAD_H, ROW_H, TOTAL_H = 9 * mm, 11 * mm, 10 * mm
TABLE_TOP = FORM_H - 33 * mm
INK = colors.HexColor("#1a1a1a")
RED = colors.HexColor("#c00000")
ZERO = Decimal(0)


@dataclass
class PrintLine:
    summary: str
    account: str
    partner: str
    debit: Decimal
    credit: Decimal


@dataclass
class PrintVoucher:
    number: str  # 记-0001
    date: str
    attachments: int
    lines: list[PrintLine]
    maker: str
    reviewer: str
    poster: str
    status: str


def _path_name(account: Account, names: dict[int, Account]) -> str:
    parts = []
    node = account
    while node is not None:
        parts.append(node.name)
        node = names.get(node.parent_id) if node.parent_id else None
    return f"{account.code} " + "—".join(reversed(parts))


def _name(user) -> str:
    return (user.display_name or user.username) if user is not None else ""


def load(voucher_id: int) -> PrintVoucher:
    """The printable content of one voucher."""
    v = Voucher.get_or_none(Voucher.id == voucher_id)
    if v is None:
        raise JxcError(tr("凭证不存在", "No such voucher") + f": {voucher_id}")
    accounts = {a.id: a for a in Account.select()}
    lines = []
    query = VoucherLine.select().where(VoucherLine.voucher == v).order_by(VoucherLine.line_no)
    for ln in query:
        partner = f"{ln.partner.code} {ln.partner.name}" if ln.partner_id else ""
        account = _path_name(accounts[ln.account_id], accounts)
        lines.append(PrintLine(ln.summary, account, partner, ln.debit, ln.credit))
    return PrintVoucher(
        number=v.display_number,
        date=v.date.strftime(tr("%Y 年 %m 月 %d 日", "%Y-%m-%d")),
        attachments=v.attachments,
        lines=lines,
        maker=_name(v.maker),
        reviewer=_name(v.reviewer),
        poster=_name(v.poster),
        status=v.status,
    )


class _Form:
    """Draws one form with its lower-left corner at (x0, y0)."""

    def __init__(self, canvas: Canvas, x0: float, y0: float, company: str):
        self.c, self.x0, self.y0, self.company = canvas, x0, y0, company
        self.font = cjk_font()

    def text(self, x, y, text, size, align="left", color=INK, width=None):
        if width is not None:
            text, size = fit_text(text, width, size, 5.5)
        self.c.setFillColor(color)
        self.c.setFont(self.font, size)
        x, y = self.x0 + x, self.y0 + y
        if align == "center":
            self.c.drawCentredString(x, y, text)
        elif align == "right":
            self.c.drawRightString(x, y, text)
        else:
            self.c.drawString(x, y, text)

    def heading(self, pv: PrintVoucher, sheet: str) -> None:
        mid = FORM_W / 2
        self.text(mid, FORM_H - 16 * mm, tr("记 账 凭 证", "JOURNAL VOUCHER"), 17, "center")
        self.c.setStrokeColor(INK)
        for dy, w in ((18 * mm, 0.8), (19 * mm, 0.4)):
            self.c.setLineWidth(w)
            y = self.y0 + FORM_H - dy
            self.c.line(self.x0 + mid - 30 * mm, y, self.x0 + mid + 30 * mm, y)
        y = FORM_H - 27 * mm
        self.text(SIDE, y, tr("核算单位：", "Entity: ") + self.company, 9, width=62 * mm)
        self.text(mid, y, pv.date, 10, "center")
        number = f"{pv.number}  {sheet}".strip()
        self.text(FORM_W - SIDE, y + 5 * mm, number, 10, "right")
        attached = tr("附单据 {n} 张", "Attachments: {n}", n=pv.attachments)
        self.text(FORM_W - SIDE, y, attached, 9, "right")
        if pv.status != "posted":
            status = {
                "draft": tr("未审核", "Not reviewed"),
                "reviewed": tr("已审核未记账", "Reviewed, not posted"),
            }.get(pv.status, pv.status)
            self.text(SIDE, FORM_H - 16 * mm, status, 9, color=RED)

    def grid(self, rows: int) -> list[float]:
        """Rules the table; returns the x of each column's left edge (and the right end)."""
        xs = [SIDE]
        for w in COLS:
            xs.append(xs[-1] + w)
        top = TABLE_TOP
        bottom = top - HEAD_H - rows * ROW_H - TOTAL_H
        c = self.c
        c.setStrokeColor(INK)
        c.setLineWidth(1.0)
        c.rect(self.x0 + xs[0], self.y0 + bottom, xs[-1] - xs[0], top - bottom)
        c.setLineWidth(0.4)
        ys = [top - HEAD_H - i * ROW_H for i in range(rows + 1)]
        for y in ys:
            c.line(self.x0 + xs[0], self.y0 + y, self.x0 + xs[-1], self.y0 + y)
        for x in xs[1:-1]:
            low = bottom if x >= xs[2] else ys[-1]  # the 合计 row spans 摘要 + 科目
            c.line(self.x0 + x, self.y0 + top, self.x0 + x, self.y0 + low)
        heads = [
            tr("摘　要", "Summary"),
            tr("会 计 科 目", "Account"),
            tr("借方金额", "Debit"),
            tr("贷方金额", "Credit"),
        ]
        for i, head in enumerate(heads):
            self.text((xs[i] + xs[i + 1]) / 2, top - HEAD_H + 3 * mm, head, 10, "center")
        return xs

    def amount(self, x_right: float, y: float, value: Decimal) -> None:
        if not value:
            return
        color = RED if value < 0 else INK
        self.text(x_right - 2 * mm, y, format_money(value), 9.5, "right", color, 31 * mm)

    def body(self, xs, lines: list[PrintLine]) -> None:
        for i, ln in enumerate(lines):
            top = TABLE_TOP - HEAD_H - i * ROW_H
            one_line = top - ROW_H / 2 - 1.2 * mm
            self.summary(xs[0] + 1.5 * mm, top, one_line, ln.summary)
            if ln.partner:
                self.text(xs[1] + 1.5 * mm, top - 4.6 * mm, ln.account, 8.5, width=COLS[1] - 3 * mm)
                self.text(xs[1] + 1.5 * mm, top - 9 * mm, ln.partner, 7.5, width=COLS[1] - 3 * mm)
            else:
                self.text(xs[1] + 1.5 * mm, one_line, ln.account, 8.5, width=COLS[1] - 3 * mm)
            self.amount(xs[3], one_line, ln.debit)
            self.amount(xs[4], one_line, ln.credit)

    def summary(self, x: float, top: float, one_line: float, text: str) -> None:
        """摘要 on one line when it fits at 9 pt, else wrapped to two lines (then cut)."""
        width = COLS[0] - 3 * mm
        if text_width(text, 9) <= width:
            self.text(x, one_line, text, 9)
            return
        for i, part in enumerate(wrap_lines(text, width, 8, 2)):
            self.text(x, top - 4.6 * mm - i * 4.2 * mm, part, 8)

    def totals(self, xs, rows: int, label: str, debit: Decimal, credit: Decimal) -> None:
        y = TABLE_TOP - HEAD_H - rows * ROW_H - TOTAL_H / 2 - 1.2 * mm
        self.text(xs[0] + 1.5 * mm, y, label, 9, width=xs[2] - xs[0] - 3 * mm)
        self.amount(xs[3], y, debit)
        self.amount(xs[4], y, credit)

    def signatures(self, pv: PrintVoucher) -> None:
        y = TABLE_TOP - HEAD_H - SHEET_ROWS * ROW_H - TOTAL_H - 8 * mm
        pairs = [
            (tr("会计主管", "Chief accountant"), ""),
            (tr("记账", "Posted by"), pv.poster),
            (tr("审核", "Reviewed by"), pv.reviewer),
            (tr("出纳", "Cashier"), ""),
            (tr("制单", "Prepared by"), pv.maker),
        ]
        step = (FORM_W - 2 * SIDE) / len(pairs)
        for i, (label, name) in enumerate(pairs):
            self.text(SIDE + i * step, y, label + tr("：", ": ") + name, 9, width=step - 2 * mm)


def _sheets(pv: PrintVoucher) -> list[list[PrintLine]]:
    lines = pv.lines or []
    return [lines[i : i + SHEET_ROWS] for i in range(0, len(lines), SHEET_ROWS)] or [[]]


def draw_voucher(form: _Form, pv: PrintVoucher, sheet_no: int, sheets: list) -> None:
    """One form of a voucher: sheet `sheet_no` (0-based) of `sheets`."""
    label = f"{sheet_no + 1}/{len(sheets)}" if len(sheets) > 1 else ""
    form.heading(pv, label)
    xs = form.grid(SHEET_ROWS)
    form.body(xs, sheets[sheet_no])
    so_far = [ln for s in sheets[: sheet_no + 1] for ln in s]
    debit = sum((ln.debit for ln in so_far), ZERO)
    credit = sum((ln.credit for ln in so_far), ZERO)
    if sheet_no + 1 < len(sheets):
        text = tr("过次页", "Carried forward")
    else:  # the amount in words stays in 大写 figures: that is what the form asks for
        text = tr("合　计：人民币（大写）", "Total: RMB (in words) ") + rmb_upper(debit)
    form.totals(xs, SHEET_ROWS, text, debit, credit)
    form.signatures(pv)


def render_vouchers(voucher_ids: list[int], path: str | Path, layout: str = "a4") -> Path:
    """Prints vouchers in the 记账凭证 form: 'a4' two forms a page, 'a5' one (landscape)."""
    if layout not in LAYOUTS:
        raise JxcError(tr("版式应为 a4 或 a5", "The layout must be a4 or a5"))
    if not voucher_ids:
        raise JxcError(tr("没有要打印的凭证", "No vouchers to print"))
    pagesize = A4 if layout == "a4" else landscape(A5)
    per_page = 2 if layout == "a4" else 1
    company = get_company().name
    canvas = Canvas(str(path), pagesize=pagesize, initialFontName=cjk_font())
    canvas.setTitle(tr("记账凭证", "Vouchers"))
    canvas.setAuthor(company)
    slot = 0
    for vid in voucher_ids:
        pv = load(vid)
        sheets = _sheets(pv)
        for n in range(len(sheets)):
            if slot == per_page:
                canvas.showPage()
                slot = 0
            y0 = pagesize[1] - (slot + 1) * FORM_H if per_page == 2 else 0
            if per_page == 2 and slot == 1:  # the dashed cutting line between the halves
                canvas.setDash(3, 3)
                canvas.setStrokeColor(colors.grey)
                canvas.line(8 * mm, y0 + FORM_H, pagesize[0] - 8 * mm, y0 + FORM_H)
                canvas.setDash()
            draw_voucher(_Form(canvas, 0, y0, company), pv, n, sheets)
            slot += 1
    canvas.showPage()
    canvas.save()
    return Path(path)
