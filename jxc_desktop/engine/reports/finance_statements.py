"""小企业会计准则 statements: 资产负债表 (会小企01表), 利润表 (会小企02表), 现金流量表 (会小企03表).

Each statement is a data table (line, name, formula) so the formulas can be read and
changed without touching code; docs/FINANCE.md lists them. A formula is a list of
terms: an account code (its balance or activity on the statement's natural side,
sub-accounts included), `L<n>` (another line of the same statement), `PL` (profit
not yet carried to 本年利润), `CF<code>` (a cash-flow item), `CASH0` (cash before the
period); a leading '-' subtracts the term.

Columns: `current` is the period (balance sheet: at --to; 利润表 / 现金流量表: --from to
--to); `previous` is 年初余额 for the balance sheet (the balance at the end of the
previous fiscal year) and 上年同期 (the same dates one year earlier) for the others.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from jxc_desktop.engine.finance import balances
from jxc_desktop.engine.finance.cashflow import CASH_ACCOUNTS
from jxc_desktop.engine.money import from_scaled
from jxc_desktop.engine.reports import Column, Report, ReportParams, register
from jxc_desktop.engine.reports.finance import _range
from jxc_desktop.engine.reports.finance_statement_names import line_name
from jxc_desktop.models.db import execute

ZERO = Decimal(0)

BALANCE_SHEET = [
    (1, "货币资金", "1001 1002 1012"),
    (2, "短期投资", "1101"),
    (3, "应收票据", "1121"),
    (4, "应收账款", "1122"),
    (5, "预付账款", "1123"),
    (6, "应收股利", "1131"),
    (7, "应收利息", "1132"),
    (8, "其他应收款", "1221"),
    (9, "存货", "1401 1402 1403 1404 1405 1407 1408 1411 1421 4001 4101 4401 4403"),
    (10, "其中：原材料", "1403"),
    (11, "在产品", "4001"),
    (12, "库存商品", "1405"),
    (13, "周转材料", "1411"),
    (14, "其他流动资产", "1901"),
    (15, "流动资产合计", "L1 L2 L3 L4 L5 L6 L7 L8 L9 L14"),
    (16, "长期债券投资", "1501"),
    (17, "长期股权投资", "1511"),
    (18, "固定资产原价", "1601"),
    (19, "减：累计折旧", "-1602"),
    (20, "固定资产账面价值", "L18 -L19"),
    (21, "在建工程", "1604"),
    (22, "工程物资", "1605"),
    (23, "固定资产清理", "1606"),
    (24, "生产性生物资产", "1621 1622"),
    (25, "无形资产", "1701 1702"),
    (26, "开发支出", "4301"),
    (27, "长期待摊费用", "1801"),
    (28, "其他非流动资产", ""),
    (29, "非流动资产合计", "L16 L17 L20 L21 L22 L23 L24 L25 L26 L27 L28"),
    (30, "资产总计", "L15 L29"),
    (31, "短期借款", "2001"),
    (32, "应付票据", "2201"),
    (33, "应付账款", "2202"),
    (34, "预收账款", "2203"),
    (35, "应付职工薪酬", "2211"),
    (36, "应交税费", "2221"),
    (37, "应付利息", "2231"),
    (38, "应付利润", "2232"),
    (39, "其他应付款", "2241"),
    (40, "其他流动负债", ""),
    (41, "流动负债合计", "L31 L32 L33 L34 L35 L36 L37 L38 L39 L40"),
    (42, "长期借款", "2501"),
    (43, "长期应付款", "2701"),
    (44, "递延收益", "2401"),
    (45, "其他非流动负债", ""),
    (46, "非流动负债合计", "L42 L43 L44 L45"),
    (47, "负债合计", "L41 L46"),
    (48, "实收资本（或股本）", "3001"),
    (49, "资本公积", "3002"),
    (50, "盈余公积", "3101"),
    (51, "未分配利润", "3103 3104 PL"),
    (52, "所有者权益（或股东权益）合计", "L48 L49 L50 L51"),
    (53, "负债和所有者权益（或股东权益）总计", "L47 L52"),
]
# lines 1–30 read debit balances; 31–53 credit balances
BS_CREDIT_FROM = 31

INCOME_STATEMENT = [
    (1, "一、营业收入", "5001 5051"),
    (2, "减：营业成本", "5401 5402"),
    (3, "税金及附加", "5403"),
    (11, "销售费用", "5601"),
    (14, "管理费用", "5602"),
    (18, "财务费用", "5603"),
    (20, "加：投资收益", "5111"),
    (21, "二、营业利润", "L1 -L2 -L3 -L11 -L14 -L18 L20"),
    (22, "加：营业外收入", "5301"),
    (24, "减：营业外支出", "5711"),
    (30, "三、利润总额", "L21 L22 -L24"),
    (31, "减：所得税费用", "5801"),
    (32, "四、净利润", "L30 -L31"),
]
INCOME_CREDIT_LINES = {1, 20, 22}  # revenue lines read credit activity

CASH_FLOW = [
    (1, "销售产成品、商品、提供劳务收到的现金", "CF01"),
    (2, "收到其他与经营活动有关的现金", "CF02"),
    (3, "购买原材料、商品、接受劳务支付的现金", "CF03"),
    (4, "支付的职工薪酬", "CF04"),
    (5, "支付的税费", "CF05"),
    (6, "支付其他与经营活动有关的现金", "CF06"),
    (7, "经营活动产生的现金流量净额", "L1 L2 -L3 -L4 -L5 -L6"),
    (8, "收回短期投资、长期债券投资和长期股权投资收到的现金", "CF08"),
    (9, "取得投资收益收到的现金", "CF09"),
    (10, "处置固定资产、无形资产和其他非流动资产收回的现金净额", "CF10"),
    (11, "短期投资、长期债券投资和长期股权投资支付的现金", "CF11"),
    (12, "购建固定资产、无形资产和其他非流动资产支付的现金", "CF12"),
    (13, "投资活动产生的现金流量净额", "L8 L9 L10 -L11 -L12"),
    (14, "取得借款收到的现金", "CF14"),
    (15, "吸收投资者投资收到的现金", "CF15"),
    (16, "偿还借款本金支付的现金", "CF16"),
    (17, "偿还借款利息支付的现金", "CF17"),
    (18, "分配利润支付的现金", "CF18"),
    (19, "筹资活动产生的现金流量净额", "L14 L15 -L16 -L17 -L18"),
    (20, "四、现金净增加额", "L7 L13 L19"),
    (21, "加：期初现金余额", "CASH0"),
    (22, "五、期末现金余额", "L20 L21"),
]
OUTFLOW_ITEMS = {"03", "04", "05", "06", "11", "12", "16", "17", "18"}
# 会小企03表's section headings (no line number, no amounts) before these lines: without
# them 四、现金净增加额 and 五、期末现金余额 followed nothing numbered one to three
CASH_FLOW_SECTIONS = {
    1: "一、经营活动产生的现金流量：",
    8: "二、投资活动产生的现金流量：",
    14: "三、筹资活动产生的现金流量：",
}


def evaluate(table, term_value) -> dict[int, Decimal]:
    """Line values of a statement table; term_value(line, term) gives a non-L term."""
    values: dict[int, Decimal] = {}
    for line, _name, formula in table:
        total = ZERO
        for term in formula.split():
            sign = -1 if term.startswith("-") else 1
            term = term.lstrip("-")
            if term.startswith("L"):
                total += sign * values[int(term[1:])]
            else:
                total += sign * term_value(line, term)
        values[line] = total
    return values


def _rows(table, current: dict, previous: dict) -> list[dict]:
    return [
        {
            "line": line,
            "name": line_name(name),
            "current": current[line],
            "previous": previous[line],
        }
        for line, name, _ in table
    ]


def _balance_values(day: dt.date) -> dict[int, Decimal]:
    chart = balances.Chart()
    leaf = balances.net_at(day)
    net = chart.roll_up(leaf)
    profit = balances.unclosed_profit(chart, leaf)

    def term(line, t):
        if t == "PL":
            return profit
        value = chart.code_net(net, t)
        return -value if line >= BS_CREDIT_FROM else value

    return evaluate(BALANCE_SHEET, term)


def year_start(day: dt.date) -> dt.date:
    from jxc_desktop.engine.company import get_company

    month = get_company().fiscal_year_start_month
    year = day.year if day.month >= month else day.year - 1
    return dt.date(year, month, 1)


def _balance_sheet(params: ReportParams) -> list[dict]:
    _from, date_to = _range(params)
    start = year_start(date_to)
    return _rows(
        BALANCE_SHEET,
        _balance_values(date_to),
        _balance_values(start - dt.timedelta(days=1)),
    )


def _last_year(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def income_values(date_from: dt.date, date_to: dt.date) -> dict[int, Decimal]:
    chart = balances.Chart()
    moves = chart.roll_up_pairs(balances.activity(date_from, date_to, exclude_close=True))

    def term(line, t):
        account = chart.by_code.get(t)
        d, c = moves.get(account.id, (ZERO, ZERO)) if account else (ZERO, ZERO)
        return c - d if line in INCOME_CREDIT_LINES else d - c

    return evaluate(INCOME_STATEMENT, term)


def _income_statement(params: ReportParams) -> list[dict]:
    date_from, date_to = _range(params)
    return _rows(
        INCOME_STATEMENT,
        income_values(date_from, date_to),
        income_values(_last_year(date_from), _last_year(date_to)),
    )


def cash_balance(before: dt.date) -> Decimal:
    chart = balances.Chart()
    net = chart.roll_up(balances.net_before(before))
    return sum((chart.code_net(net, c) for c in CASH_ACCOUNTS), ZERO)


def cash_flow_values(date_from: dt.date, date_to: dt.date) -> dict[int, Decimal]:
    rows = execute(
        "SELECT l.cash_flow_item, SUM(l.debit), SUM(l.credit) FROM voucher_line l "
        "JOIN voucher v ON v.id = l.voucher_id WHERE v.date >= ? AND v.date <= ? "
        "AND l.cash_flow_item <> '' GROUP BY l.cash_flow_item",
        (date_from.isoformat(), date_to.isoformat()),
    ).fetchall()
    by_item = {
        code: from_scaled((c or 0) - (d or 0), 2)
        if code in OUTFLOW_ITEMS
        else from_scaled((d or 0) - (c or 0), 2)
        for code, d, c in rows
    }
    opening = cash_balance(date_from)

    def term(line, t):
        return opening if t == "CASH0" else by_item.get(t[2:], ZERO)

    return evaluate(CASH_FLOW, term)


def _cash_flow(params: ReportParams) -> list[dict]:
    date_from, date_to = _range(params)
    return _rows(
        CASH_FLOW,
        cash_flow_values(date_from, date_to),
        cash_flow_values(_last_year(date_from), _last_year(date_to)),
    )


def cash_flow_display(rows: list[dict], _params=None) -> list[dict]:
    """Lines 1-22 under the form's three section headings, as on the printed 会小企03表,
    so that 四、现金净增加额 and 五、期末现金余额 follow a 一 to 三 in both languages. The
    headings are display rows (screen and paper): JSON and CSV keep one row per
    statutory line, each with its amounts."""
    out = []
    for row in rows:
        heading = CASH_FLOW_SECTIONS.get(row["line"])
        if heading:
            out.append(
                {
                    "line": "",
                    "name": line_name(heading),
                    "current": None,
                    "previous": None,
                    SUMMARY: "heading",
                }
            )
        out.append(row)
    return out


def _columns(
    previous_zh: str,
    previous_en: str,
    current_zh: str = "本期金额",
    current_en: str = "Current",
) -> list[Column]:
    return [
        Column("line", "行次", "Line", "int"),
        Column("name", "项目", "Item"),
        Column("current", current_zh, current_en, "money"),
        Column("previous", previous_zh, previous_en, "money"),
    ]


register(
    Report(
        "balance-sheet",
        "资产负债表",
        "Balance sheet",
        _columns("年初余额", "Start of year", "期末余额", "End of period"),
        _balance_sheet,
    )
)
register(
    Report(
        "income-statement",
        "利润表",
        "Income statement",
        _columns("上年同期金额", "Same period last year"),
        _income_statement,
    )
)
register(
    Report(
        "cash-flow",
        "现金流量表",
        "Cash-flow statement",
        _columns("上年同期金额", "Same period last year"),
        _cash_flow,
    )
)


# the section headings people see (display-only; registered here so every output has them)
from jxc_desktop.engine.reports.display import SUMMARY, register_display  # noqa: E402

register_display("cash-flow", cash_flow_display)
