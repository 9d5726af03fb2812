"""Company settings by documented key (`jxc config get|set KEY [VALUE]`).

Each key has a default, a check and a description; docs/CONFIG.md lists them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from jxc_desktop.engine import money
from jxc_desktop.engine.errors import JxcError
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.printing import label_layouts
from jxc_desktop.models.company import Setting
from jxc_desktop.models.db import action_cache, execute, write_transaction


def _choice(*values: str) -> Callable[[str], bool]:
    return lambda v: v in values


def _decimal_or_empty(value: str) -> bool:
    if value == "":
        return True
    try:
        return money.D(value) >= 0
    except money.NotExactNumber:
        return False


def _positive_int(value: str) -> bool:
    return value.isdigit() and int(value) > 0


@dataclass(frozen=True)
class SettingSpec:
    key: str
    default: str
    check: Callable[[str], bool]
    choices: str  # shown in the error message
    description: str


SPECS = {
    s.key: s
    for s in [
        SettingSpec(
            "negative_stock",
            "refuse",
            _choice("refuse", "allow"),
            "refuse / allow",
            "负库存: refuse = 拒绝出库; allow = 允许，按最近成本出库，到货时调整",
        ),
        SettingSpec(
            "valuation_method",
            "moving_average",
            _choice("moving_average", "fifo", "periodic", "specific"),
            "moving_average / fifo / periodic / specific",
            "新商品的默认计价方法",
        ),
        SettingSpec(
            "credit_control",
            "warn",
            _choice("block", "warn", "off"),
            "block / warn / off",
            "信用控制: block 禁止, warn 提醒",
        ),
        SettingSpec(
            "ar_ap_basis",
            "delivery",
            _choice("delivery", "invoice"),
            "delivery / invoice",
            "应收应付确认: 出入库 (delivery) 或 发票 (invoice)",
        ),
        SettingSpec(
            "voucher_review",
            "with_document",
            _choice("with_document", "separate"),
            "with_document / separate",
            "业务凭证随单据审核或单独审核",
        ),
        SettingSpec(
            "voucher_self_review",
            "allow",
            _choice("allow", "refuse"),
            "allow / refuse",
            "手工凭证: allow = 制单人可审核自己的凭证; refuse = 须由他人审核",
        ),
        SettingSpec(
            "expiry_warning_days",
            "30",
            _positive_int,
            "a whole number of days",
            "效期预警天数",
        ),
        SettingSpec(
            "slow_moving_days",
            "90",
            _positive_int,
            "a whole number of days",
            "呆滞料天数（N 天无出库）",
        ),
        SettingSpec(
            "process_cost_method",
            "weighted",
            _choice("weighted", "fifo"),
            "weighted / fifo",
            "分步法约当产量: 加权平均 / 先进先出",
        ),
        SettingSpec(
            "overhead_basis",
            "labour_hours",
            _choice("labour_hours", "machine_hours", "material_cost", "output_qty"),
            "labour_hours / machine_hours / material_cost / output_qty",
            "制造费用分配标准",
        ),
        SettingSpec(
            "overhead_rate",
            "",
            _decimal_or_empty,
            "a decimal, or empty",
            "预定制造费用分配率（空 = 按实际 4101 分配）",
        ),
        SettingSpec(
            "work_week",
            "all",
            _choice("mon_sat", "mon_fri", "all"),
            "mon_sat / mon_fri / all",
            "工作中心默认工作日: mon_sat 周一至周六, mon_fri 周一至周五, all 每天（未设置时）",
        ),
        SettingSpec(
            "over_completion",
            "refuse",
            _choice("refuse", "allow"),
            "refuse / allow",
            "超订单完工入库: refuse 拒绝产品入库超出生产订单数量; allow 允许",
        ),
        SettingSpec("quarantine_warehouse", "", lambda v: True, "a warehouse code", "不合格品仓库"),
        SettingSpec(
            "label_layout",
            "roll-50x30",
            label_layouts.layout_ok,
            "roll-50x30 / 60x40 / a4:3x8 …",
            "条码标签版式（上次打印所用）",
        ),
    ]
}


def _spec(key: str) -> SettingSpec:
    if key not in SPECS:
        raise JxcError(
            tr(
                "未知的设置项 {key}；可用: {keys}",
                "Unknown setting {key}; known: {keys}",
                key=key,
                keys=", ".join(sorted(SPECS)),
            )
        )
    return SPECS[key]


def get(key: str) -> str:
    spec = _spec(key)
    cache = action_cache()
    if ("setting", key) not in cache:
        row = execute("SELECT value FROM setting WHERE key = ?", (key,)).fetchone()
        cache["setting", key] = row[0] if row else spec.default
    return cache["setting", key]


def forget_cached() -> None:
    """Drops settings read during this action (after writing Setting rows directly)."""
    cache = action_cache()
    for k in [k for k in cache if k[0] == "setting"]:
        del cache[k]


def set_value(key: str, value: str) -> None:
    spec = _spec(key)
    value = value.strip()
    if not spec.check(value):
        raise JxcError(
            tr(
                "设置项 {key} 的值 {value!r} 无效，应为: {choices}",
                "Invalid value {value!r} for {key}; expected: {choices}",
                key=key,
                value=value,
                choices=spec.choices,
            )
        )
    from jxc_desktop.engine.session import audit

    with write_transaction():
        Setting.insert(key=key, value=value).on_conflict(
            conflict_target=[Setting.key], update={Setting.value: value}
        ).execute()
        action_cache().pop(("setting", key), None)
        audit("config.set", key, value)


def all_settings() -> dict[str, str]:
    return {key: get(key) for key in SPECS}
