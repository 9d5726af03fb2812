"""Setting up a company (建账): settings, periods, the chart of accounts, defaults."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from jxc_desktop.engine import chart, settings
from jxc_desktop.engine.errors import JxcError, PeriodError, Problem, require
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.session import ADMIN_USERNAME, audit
from jxc_desktop.models.company import Company, Period, Setting, User
from jxc_desktop.models.db import execute, write_transaction
from jxc_desktop.models.masterdata import Currency, TaxRate, Unit

TAXPAYER_TYPES = ("general", "small")  # 一般纳税人 / 小规模纳税人
MODULES = ("sales", "purchase", "inventory", "production", "finance")

DEFAULT_UNITS = ["个", "件", "箱", "包", "瓶", "袋", "台", "套", "kg", "g", "米", "升", "张", "卷"]
DEFAULT_TAX_RATES = [
    ("增值税 13%", "13"),
    ("增值税 9%", "9"),
    ("增值税 6%", "6"),
    ("小规模 3%", "3"),
    ("小规模 1%", "1"),
    ("免税 0%", "0"),
]


@dataclass
class CompanySetup:
    name: str = "我的公司"
    taxpayer_type: str = "general"
    start_period: str = ""  # YYYY-MM; this month when empty
    fiscal_year_start_month: int = 1
    valuation_method: str = "moving_average"
    negative_stock: str = "refuse"
    modules: list[str] = field(default_factory=lambda: list(MODULES))


def month_bounds(code: str) -> tuple[dt.date, dt.date]:
    """The first and last day of a period YYYY-MM; PeriodError for anything else."""
    try:
        year, month = (int(p) for p in code.split("-"))
        start = dt.date(year, month, 1)
        nxt = dt.date(year + (month == 12), month % 12 + 1, 1)  # 9999-12 has no next month
    except (ValueError, AttributeError, TypeError) as exc:
        raise PeriodError(
            tr(
                "期间 {p} 无效：应为 YYYY-MM，月份 01–12",
                "Period {p} is not valid: use YYYY-MM with a month from 01 to 12",
                p=code,
            ),
            "period",
        ) from exc
    return start, nxt - dt.timedelta(days=1)


def period_code(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def validate_setup(setup: CompanySetup) -> list[Problem]:
    problems = []
    if not setup.name.strip():
        problems.append(Problem(tr("公司名称不能为空", "The company name is required"), "name"))
    if setup.taxpayer_type not in TAXPAYER_TYPES:
        problems.append(Problem(tr("纳税人类型无效", "Invalid taxpayer type"), "taxpayer_type"))
    try:
        month_bounds(setup.start_period)
    except (ValueError, AttributeError):
        problems.append(
            Problem(tr("启用期间应为 YYYY-MM", "The start period must be YYYY-MM"), "start_period")
        )
    for key in ("valuation_method", "negative_stock"):
        if not settings.SPECS[key].check(getattr(setup, key)):
            problems.append(Problem(tr("取值无效", "Invalid value"), key))
    unknown = [m for m in setup.modules if m not in MODULES]
    if unknown:
        problems.append(Problem(tr("未知模块", "Unknown modules") + f": {unknown}", "modules"))
    return problems


def ensure_period(code: str) -> Period:
    period = Period.get_or_none(Period.code == code)
    if period is None:
        start, end = month_bounds(code)
        period = Period.create(code=code, start=start, end=end)
    return period


def init_company(setup: CompanySetup) -> Company:
    """Creates the company in an empty database; refuses a database that already has one."""
    if not setup.start_period:
        setup.start_period = period_code(dt.date.today())
    require(validate_setup(setup))
    with write_transaction():
        if Company.select().exists():
            raise JxcError(tr("该数据库已建账", "This database already holds a company"))
        company = Company.create(
            name=setup.name.strip(),
            taxpayer_type=setup.taxpayer_type,
            start_period=setup.start_period,
            fiscal_year_start_month=setup.fiscal_year_start_month,
        )
        # named in the language the company is set up in (the user may rename it)
        User.create(
            username=ADMIN_USERNAME, display_name=tr("系统管理员", "Administrator"), is_admin=True
        )
        for key in ("valuation_method", "negative_stock"):
            Setting.create(key=key, value=getattr(setup, key))
        Setting.create(key="modules", value=",".join(setup.modules))
        settings.forget_cached()
        start, _ = month_bounds(setup.start_period)
        for i in range(24):  # two years of monthly periods from the start
            y, m = divmod(start.month - 1 + i, 12)
            ensure_period(f"{start.year + y:04d}-{m + 1:02d}")
        chart.seed_chart_of_accounts()
        Currency.create(code="CNY", name="人民币", symbol="¥")
        Currency.create(code="USD", name="美元", symbol="$")
        Currency.create(code="EUR", name="欧元", symbol="€")
        Currency.create(code="HKD", name="港币", symbol="HK$")
        for name in DEFAULT_UNITS:
            Unit.create(name=name)
        for name, rate in DEFAULT_TAX_RATES:
            TaxRate.create(name=name, rate=rate)
        audit("company.init", company.name)
    return company


def get_company() -> Company:
    company = Company.select().first()
    if company is None:
        raise JxcError(
            tr("数据库中没有账套，请先建账", "No company in this database; set one up first")
        )
    return company


def enabled_modules() -> list[str]:
    row = Setting.get_or_none(Setting.key == "modules")
    return row.value.split(",") if row and row.value else list(MODULES)


def is_period_closed(day: dt.date) -> bool:
    row = execute("SELECT closed FROM period WHERE code = ?", (period_code(day),)).fetchone()
    return bool(row and row[0])


def company_start() -> dt.date:
    """The first day of the company's start period (nothing may be dated before it)."""
    return month_bounds(get_company().start_period)[0]
