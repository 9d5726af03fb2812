"""Which filters each report reads, so a screen offers exactly those.

The CLI takes every flag for every report; a form should show only what matters: the
item box for a stock report, a partner for a statement, a month for a cost
report, an account for a ledger. `filters_of(name)` answers for any registered report;
a report missing from the table gets the common filters (item, warehouse, partner,
from/to), so a new report is usable before anyone lists it here.

Filter keys: item, warehouse, partner, dates (from and to, both optional), as_of (to
only), period (from and to, both set: defaulting to this month). Options are the
`--option KEY=VALUE` extras, with their choices when the value is one of a few.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from jxc_desktop.engine.i18n import get_language


@dataclass(frozen=True)
class Option:
    key: str
    zh: str
    en: str
    # (value, zh, en); empty: free text
    choices: tuple[tuple[str, str, str], ...] = ()
    default: str = ""

    @property
    def label(self) -> str:
        return self.zh if get_language() == "zh_CN" else self.en


@dataclass(frozen=True)
class Filters:
    keys: tuple[str, ...]
    options: tuple[Option, ...] = field(default_factory=tuple)
    # Runs as soon as it is opened (quick, and meaningful with the defaults).
    auto_run: bool = True
    # Filters without which the report has nothing to show (a statement needs a partner).
    required: tuple[str, ...] = ()


COMMON = Filters(("item", "warehouse", "partner", "dates"))

_SUMMARY_GROUPS = (
    ("customer", "客户", "Customer"),
    ("item", "商品", "Item"),
    ("category", "类别", "Category"),
    ("staff", "业务员", "Staff"),
    ("month", "月份", "Month"),
)

TABLE: dict[str, Filters] = {
    "accounts": Filters(()),
    "ar-aging": Filters(("partner", "as_of")),
    "ap-aging": Filters(("partner", "as_of")),
    "statement": Filters(("partner", "dates"), auto_run=False, required=("partner",)),
    "balance-sheet": Filters(("period",)),
    "income-statement": Filters(("period",)),
    "cash-flow": Filters(("period",)),
    "trial-balance": Filters(("period",)),
    "general-ledger": Filters(("period",), (Option("account", "科目编码", "Account code"),)),
    "detail-ledger": Filters(
        ("partner", "period"), (Option("account", "科目编码", "Account code"),), auto_run=False
    ),
    "vouchers": Filters(("dates",)),
    "stock-balance": Filters(("item", "warehouse", "as_of")),
    "stock-ledger": Filters(("item", "warehouse", "dates"), auto_run=False),
    "stock-summary": Filters(("item", "warehouse", "period")),
    "stock-alerts": Filters(("as_of",)),
    "slow-moving": Filters(("as_of",)),
    "stock-turnover": Filters(("period",)),
    "serial-trace": Filters(
        ("item",), (Option("serial", "序列号", "Serial number"),), auto_run=False
    ),
    "sales-summary": Filters(
        ("item", "partner", "period"),
        (Option("group", "分组", "Group by", _SUMMARY_GROUPS, "customer"),),
    ),
    "purchase-summary": Filters(
        ("item", "partner", "period"),
        (
            Option(
                "group",
                "分组",
                "Group by",
                (
                    ("supplier", "供应商", "Supplier"),
                    ("item", "商品", "Item"),
                    ("month", "月份", "Month"),
                ),
                "supplier",
            ),
        ),
    ),
    "gross-profit": Filters(
        ("item", "partner", "period"),
        (
            Option(
                "by",
                "按",
                "By",
                (("item", "商品", "Item"), ("customer", "客户", "Customer")),
                "item",
            ),
        ),
    ),
    "top-customers": Filters(("period",), (Option("top", "前 N 名", "Top N", default="10"),)),
    "top-items": Filters(("period",), (Option("top", "前 N 名", "Top N", default="10"),)),
    "order-execution": Filters(
        ("item", "partner", "dates"),
        (
            Option(
                "type",
                "订单类型",
                "Order type",
                (
                    ("", "全部", "All"),
                    ("XSDD", "销售订单", "Sales orders"),
                    ("CGDD", "采购订单", "Purchase orders"),
                ),
            ),
        ),
    ),
    "invoice-differences": Filters(("partner", "dates")),
    "quote-comparison": Filters(
        ("item", "as_of"),
        (Option("qty", "数量", "Quantity", default="1"),),
        auto_run=False,
        required=("item",),
    ),
    "bom-cost": Filters(
        ("item", "as_of"),
        (Option("qty", "数量", "Quantity", default="1"),),
        auto_run=False,
        required=("item",),
    ),
    "mrp-plan": Filters(("item", "warehouse", "dates"), auto_run=False),
    "mrp-actions": Filters(("item", "warehouse", "dates"), auto_run=False),
    "mrp-record": Filters(
        ("item", "warehouse", "dates"),
        (
            Option(
                "bucket",
                "时段",
                "Bucket",
                (("week", "周", "Week"), ("day", "日", "Day")),
                "week",
            ),
        ),
        auto_run=False,
        required=("item",),
    ),
    "job-cost": Filters(("period",)),
    "process-cost": Filters(("period",)),
    "product-cost": Filters(("period",)),
    "cost-restoration": Filters(("period",)),
    "outsourcing-reconciliation": Filters(("partner", "dates")),
    "reconciliation": Filters(("partner", "as_of")),
    "inspection-summary": Filters(
        ("item", "partner", "dates"),
        (
            Option(
                "stage",
                "检验阶段",
                "Stage",
                (
                    ("", "全部", "All"),
                    ("incoming", "来料检验", "Incoming"),
                    ("process", "工序检验", "In-process"),
                    ("final", "完工检验", "Final"),
                ),
            ),
        ),
    ),
    "supplier-evaluation": Filters(("item", "partner", "period")),
    "supplier-qualifications": Filters(
        ("partner", "as_of"), (Option("days", "提前天数", "Days ahead", default="30"),)
    ),
}


def filters_of(name: str) -> Filters:
    """The filters the report `name` reads (the common ones when it is not listed)."""
    return TABLE.get(name, COMMON)


# The 报表 tab lists reports by module, in this order; a report belongs to the group of
# the module that defines it (its run function's module: stock, stock_alerts, trade_ar …).
GROUPS: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("stock", "库存", "Stock", ("stock", "serials")),
    ("trade", "购销与往来", "Sales, purchasing, AR/AP", ("trade",)),
    ("finance", "财务", "Finance", ("finance", "accounts")),
    ("production", "生产", "Production", ("production",)),
    ("quality", "质检", "Quality", ("quality",)),
)
OTHER = ("other", "其他", "Other")


def group_of(report) -> tuple[str, str, str]:
    """(key, zh, en) of the group a registered report is listed under."""
    module = report.run.__module__.rsplit(".", 1)[-1]
    for key, zh, en, stems in GROUPS:
        if any(module == stem or module.startswith(stem + "_") for stem in stems):
            return key, zh, en
    return OTHER
