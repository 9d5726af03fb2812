"""Finding accounts the way bookkeepers type them: code, name, or pinyin initials.

`INITIALS` is a small built-in table of the pinyin initials of the standard account
names (库存现金 → kcxj); accounts a company adds are found by code and name.
"""

from __future__ import annotations

from jxc_desktop.models.accounting import Account

_PAIRS = """
库存现金 kcxj|银行存款 yhck|其他货币资金 qthbzj|短期投资 dqtz|应收票据 yspj|应收账款 yszk|
预付账款 yfzk|应收股利 ysgl|应收利息 yslx|其他应收款 qtysk|材料采购 clcg|在途物资 ztwz|
原材料 ycl|材料成本差异 clcbcy|库存商品 kcsp|商品进销差价 spjxcj|委托加工物资 wtjgwz|
周转材料 zzcl|消耗性生物资产 xhxswzc|长期债券投资 cqzqtz|长期股权投资 cqgqtz|固定资产 gdzc|
累计折旧 ljzj|在建工程 zjgc|工程物资 gcwz|固定资产清理 gdzcql|生产性生物资产 scxswzc|
生产性生物资产累计折旧 scxswzcljzj|无形资产 wxzc|累计摊销 ljtx|长期待摊费用 cqdtfy|
待处理财产损溢 dclccsy|短期借款 dqjk|应付票据 yfpj|应付账款 yfzk|预收账款 yszk|
应付职工薪酬 yfzgxc|应交税费 yjsf|应付利息 yflx|应付利润 yflr|其他应付款 qtyfk|递延收益 dysy|
长期借款 cqjk|长期应付款 cqyfk|实收资本 sszb|资本公积 zbgj|盈余公积 yygj|本年利润 bnlr|
利润分配 lrfp|生产成本 sccb|制造费用 zzfy|研发支出 yfzc|工程施工 gcsg|机械作业 jxzy|
主营业务收入 zyywsr|其他业务收入 qtywsr|投资收益 tzsy|营业外收入 yywsr|主营业务成本 zyywcb|
其他业务成本 qtywcb|税金及附加 sjjfj|销售费用 xsfy|管理费用 glfy|财务费用 cwfy|营业外支出 yywzc|
所得税费用 sdsfy|应交增值税 yjzzs|进项税额 jxse|销项税额 xxse|进项税额转出 jxsezc|
转出未交增值税 zcwjzzs|未交增值税 wjzzs|未分配利润 wfplr|利息费用 lxfy|汇兑损益 hdsy|手续费 sxf
"""
INITIALS: dict[str, str] = dict(
    pair.split() for pair in _PAIRS.replace("\n", "").split("|") if pair.strip()
)


def initials(name: str) -> str:
    return INITIALS.get(name, "")


def search_accounts(text: str, limit: int = 20) -> list[Account]:
    """Accounts whose code starts with, name contains, or initials start with `text`."""
    text = (text or "").strip()
    if not text:
        return []
    low = text.lower()
    found = []
    for account in Account.select().where(Account.active).order_by(Account.code):
        if (
            account.code.startswith(text)
            or text in account.name
            or initials(account.name).startswith(low)
        ):
            found.append(account)
            if len(found) >= limit:
                break
    return found


def find_account(text: str) -> Account | None:
    """One account by its exact code or name, or by pinyin initials when they are unique."""
    text = (text or "").strip()
    if not text:
        return None
    account = Account.get_or_none(Account.code == text) or Account.get_or_none(Account.name == text)
    if account is not None:
        return account
    matches = [a for a in Account.select() if initials(a.name) == text.lower()]
    return matches[0] if len(matches) == 1 else None
