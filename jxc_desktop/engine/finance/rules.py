"""Voucher rules: which accounts a business event posts to, configurable per company.

Each event has a debit and a credit account code (DEFAULT_RULES); a company may add
rules for the same event that apply only to an item type, an item category, a
warehouse or a partner — the most specific matching rule wins. The defaults are seeded
into the `voucher_rule` table the first time the finance engine runs, so users edit
rows, not code. `inventory` names the stock account of an item: 原材料 (item type
material) → 1403, every other type → 1405.
"""

from __future__ import annotations

from dataclasses import dataclass

from jxc_desktop.engine import settings
from jxc_desktop.engine.errors import JxcError
from jxc_desktop.engine.i18n import tr
from jxc_desktop.models.accounting import Account
from jxc_desktop.models.db import execute, write_transaction
from jxc_desktop.models.finance import VoucherRule

# event, item_type condition, debit account, credit account
DEFAULT_RULES = [
    ("inventory", "", "1405", "1405"),
    ("inventory", "material", "1403", "1403"),
    ("opening_stock", "", "", "3001"),  # QCKC: Dr inventory / Cr 实收资本
    ("purchase", "", "22210101", "2202"),  # CGRK: 进项税额 / 应付账款
    ("purchase_accrual", "", "", "2202"),  # CGRK on invoice basis: 暂估 (no partner)
    ("purchase_difference", "", "5401", "5401"),  # price differences, return differences
    ("sale", "", "1122", "5001"),  # XSCK: 应收账款 / 主营业务收入
    ("sale_tax", "", "", "22210102"),  # 销项税额
    ("sale_cost", "", "5401", ""),  # Dr 主营业务成本 / Cr inventory
    ("receipt", "", "1002", "1122"),  # SKD (the line's account wins over 1002)
    ("payment", "", "2202", "1002"),  # FKD
    ("other_receipt", "", "", "1901"),  # QTRK: Dr inventory / Cr 待处理财产损溢
    ("other_issue", "", "5602", ""),  # QTCK: Dr 管理费用 / Cr inventory
    ("stocktake", "", "1901", "1901"),  # PDD gains and losses against 1901
    ("cost_adjustment", "", "", "5401"),  # CBTZ: Dr/Cr inventory vs 主营业务成本
    ("material_issue", "", "4001", ""),  # SCLL: Dr 生产成本 / Cr inventory
    ("finished_receipt", "", "", "4001"),  # CPRK: Dr inventory / Cr 生产成本
    ("outsourcing_send", "", "1408", ""),  # WWFL: Dr 委托加工物资 / Cr inventory
    ("outsourcing_receipt", "", "", "1408"),  # WWRK / WWTL: Dr inventory / Cr 委托加工物资
    ("outsourcing_fee", "", "1408", "2202"),  # WWRK fee: Dr 委托加工物资 / Cr 应付账款
    ("vat_transfer", "", "22210104", "222102"),  # 转出未交增值税 / 未交增值税
    ("profit", "", "3103", "3103"),  # 本年利润
    ("retained", "", "310401", "310401"),  # 利润分配—未分配利润
    ("fx_revaluation", "", "560302", "560302"),  # 期末调汇 → 财务费用—汇兑损益
]


def ensure_default_rules() -> None:
    """Seeds the default rules (and the cash-flow items) once per company."""
    if VoucherRule.select().exists():
        return
    from jxc_desktop.engine.finance.cashflow import ensure_items

    ensure_items()
    with write_transaction():
        for event, item_type, debit, credit in DEFAULT_RULES:
            VoucherRule.create(
                event=event, item_type=item_type, debit_account=debit, credit_account=credit
            )


@dataclass(frozen=True)
class Context:
    """What a rule may be conditioned on."""

    item_type: str = ""
    category_id: int | None = None
    warehouse_id: int | None = None
    partner_id: int | None = None


def _score(rule: VoucherRule, ctx: Context) -> int | None:
    checks = [
        (rule.item_type, ctx.item_type),
        (rule.category_id, ctx.category_id),
        (rule.warehouse_id, ctx.warehouse_id),
        (rule.partner_id, ctx.partner_id),
    ]
    score = 0
    for wanted, have in checks:
        if wanted in ("", None):
            continue
        if wanted != have:
            return None
        score += 1
    return score


class RuleBook:
    """The company's rules, loaded once per posting (rules rarely change)."""

    def __init__(self):
        stored = self._stored()
        if not stored:  # a company's first posting seeds the defaults
            ensure_default_rules()
            stored = self._stored()
        self.rules: dict[str, list[VoucherRule]] = {}
        for rule in stored:
            self.rules.setdefault(rule.event, []).append(rule)
        self._inv_cache: dict[tuple, str] = {}
        # read once per posting: a backdated document may bring thousands of stock rows
        self.invoice_basis = settings.get("ar_ap_basis") == "invoice"

    @staticmethod
    def _stored() -> list[VoucherRule]:
        return list(VoucherRule.select().order_by(VoucherRule.id))

    def rule(self, event: str, ctx: Context = Context()) -> VoucherRule:
        best, best_score = None, -1
        for rule in self.rules.get(event, []):
            score = _score(rule, ctx)
            if score is not None and score > best_score:
                best, best_score = rule, score
        if best is None:
            raise JxcError(
                tr("缺少凭证规则 {e}", "No voucher rule for event {e}", e=event), "voucher_rule"
            )
        return best

    def debit(self, event: str, ctx: Context = Context()) -> str:
        return self.rule(event, ctx).debit_account

    def credit(self, event: str, ctx: Context = Context()) -> str:
        return self.rule(event, ctx).credit_account

    def inventory(self, item, warehouse_id: int | None) -> str:
        """The stock account of an item in a warehouse (1403 / 1405 by default)."""
        key = (item.item_type, item.category_id, warehouse_id)
        if key not in self._inv_cache:
            ctx = Context(item.item_type, item.category_id, warehouse_id)
            self._inv_cache[key] = self.debit("inventory", ctx)
        return self._inv_cache[key]


def account_by_code(code: str) -> Account:
    account = Account.get_or_none(Account.code == code)
    if account is None:
        raise JxcError(tr("科目 {c} 不存在", "Account {c} does not exist", c=code), "account")
    return account


def account_ids(codes) -> dict[str, int]:
    """Account ids by code, in one query; a code that is not in the chart is an error."""
    codes = sorted(set(codes))
    if not codes:
        return {}
    marks = ", ".join("?" * len(codes))
    found = dict(execute(f"SELECT code, id FROM account WHERE code IN ({marks})", codes).fetchall())
    for code in codes:
        if code not in found:
            account_by_code(code)  # raises the chart's own "does not exist" message
    return found


def inventory_accounts() -> list[str]:
    """Every account code an inventory rule names (the stock sub-ledger's GL accounts)."""
    ensure_default_rules()
    rows = VoucherRule.select().where(VoucherRule.event == "inventory")
    return sorted({r.debit_account for r in rows} | {r.credit_account for r in rows} - {""})
