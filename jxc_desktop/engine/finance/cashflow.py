"""Cash-flow items (现金流量项目) and the default tag of a cash or bank voucher line.

The items are the detail lines of 会小企03表 (the statutory line numbers are their
codes). A cash or bank line (1001 / 1002 / 1012) is tagged by its counter-account (the
largest line on the other side of the voucher) unless the user names an item; a move
between two cash accounts is not a cash flow and stays untagged.
"""

from __future__ import annotations

from jxc_desktop.models.db import write_transaction
from jxc_desktop.models.finance import CashFlowItem

CASH_ACCOUNTS = ("1001", "1002", "1012")

# code (= statutory line), name, direction
ITEMS = [
    ("01", "销售产成品、商品、提供劳务收到的现金", "in"),
    ("02", "收到其他与经营活动有关的现金", "in"),
    ("03", "购买原材料、商品、接受劳务支付的现金", "out"),
    ("04", "支付的职工薪酬", "out"),
    ("05", "支付的税费", "out"),
    ("06", "支付其他与经营活动有关的现金", "out"),
    ("08", "收回短期投资、长期债券投资和长期股权投资收到的现金", "in"),
    ("09", "取得投资收益收到的现金", "in"),
    ("10", "处置固定资产、无形资产和其他非流动资产收回的现金净额", "in"),
    ("11", "短期投资、长期债券投资和长期股权投资支付的现金", "out"),
    ("12", "购建固定资产、无形资产和其他非流动资产支付的现金", "out"),
    ("14", "取得借款收到的现金", "in"),
    ("15", "吸收投资者投资收到的现金", "in"),
    ("16", "偿还借款本金支付的现金", "out"),
    ("17", "偿还借款利息支付的现金", "out"),
    ("18", "分配利润支付的现金", "out"),
]

# level-1 counter-account → (item when cash comes in, item when cash goes out)
_BY_COUNTER = {
    "1122": ("01", "03"),
    "2203": ("01", "03"),
    "5001": ("01", "06"),
    "5051": ("01", "06"),
    "2202": ("02", "03"),
    "1123": ("02", "03"),
    "1402": ("02", "03"),
    "1403": ("02", "03"),
    "1405": ("02", "03"),
    "2211": ("02", "04"),
    "2221": ("02", "05"),
    "5403": ("02", "05"),
    "5801": ("02", "05"),
    "1101": ("08", "11"),
    "1501": ("08", "11"),
    "1511": ("08", "11"),
    "5111": ("09", "06"),
    "1601": ("10", "12"),
    "1604": ("10", "12"),
    "1606": ("10", "12"),
    "1701": ("10", "12"),
    "2001": ("14", "16"),
    "2501": ("14", "16"),
    "3001": ("15", "18"),
    "3002": ("15", "18"),
    "2231": ("02", "17"),
    "5603": ("02", "17"),
    "2232": ("02", "18"),
    "3104": ("02", "18"),
}


def ensure_items() -> None:
    """Seeds the statutory cash-flow items once per company."""
    if CashFlowItem.select().exists():
        return
    with write_transaction():
        for code, name, direction in ITEMS:
            CashFlowItem.create(code=code, name=name, direction=direction, line=int(code))


def is_cash(code: str) -> bool:
    return code[:4] in CASH_ACCOUNTS


def default_item(counter_code: str, inflow: bool) -> str:
    """The item a cash line gets from its counter-account (others: 02 / 06)."""
    pair = _BY_COUNTER.get(counter_code[:4], ("02", "06"))
    return pair[0] if inflow else pair[1]


def item_by_text(text: str) -> CashFlowItem | None:
    """An item by its code or its name."""
    ensure_items()
    text = (text or "").strip()
    return CashFlowItem.get_or_none(
        (CashFlowItem.code == text) | (CashFlowItem.name == text)
    ) or CashFlowItem.get_or_none(CashFlowItem.code == text.zfill(2))
