"""English names of the 小企业会计准则 statement lines, for `--lang en` and the English GUI.

The statutory Chinese name stays the key (finance_statements.py's tables); a line
missing here simply shows its Chinese name.
"""

from __future__ import annotations

from jxc_desktop.engine.i18n import tr

EN = {
    # 资产负债表 (会小企01表)
    "货币资金": "Cash and cash equivalents",
    "短期投资": "Short-term investments",
    "应收票据": "Notes receivable",
    "应收账款": "Accounts receivable",
    "预付账款": "Prepayments",
    "应收股利": "Dividends receivable",
    "应收利息": "Interest receivable",
    "其他应收款": "Other receivables",
    "存货": "Inventories",
    "其中：原材料": "of which: raw materials",
    "在产品": "Work in progress",
    "库存商品": "Finished goods and merchandise",
    "周转材料": "Turnover materials",
    "其他流动资产": "Other current assets",
    "流动资产合计": "Total current assets",
    "长期债券投资": "Long-term bond investments",
    "长期股权投资": "Long-term equity investments",
    "固定资产原价": "Fixed assets at cost",
    "减：累计折旧": "Less: accumulated depreciation",
    "固定资产账面价值": "Fixed assets, carrying amount",
    "在建工程": "Construction in progress",
    "工程物资": "Construction materials",
    "固定资产清理": "Fixed assets pending disposal",
    "生产性生物资产": "Productive biological assets",
    "无形资产": "Intangible assets",
    "开发支出": "Development expenditure",
    "长期待摊费用": "Long-term prepaid expenses",
    "其他非流动资产": "Other non-current assets",
    "非流动资产合计": "Total non-current assets",
    "资产总计": "Total assets",
    "短期借款": "Short-term borrowings",
    "应付票据": "Notes payable",
    "应付账款": "Accounts payable",
    "预收账款": "Advances from customers",
    "应付职工薪酬": "Employee benefits payable",
    "应交税费": "Taxes payable",
    "应付利息": "Interest payable",
    "应付利润": "Profit payable",
    "其他应付款": "Other payables",
    "其他流动负债": "Other current liabilities",
    "流动负债合计": "Total current liabilities",
    "长期借款": "Long-term borrowings",
    "长期应付款": "Long-term payables",
    "递延收益": "Deferred income",
    "其他非流动负债": "Other non-current liabilities",
    "非流动负债合计": "Total non-current liabilities",
    "负债合计": "Total liabilities",
    "实收资本（或股本）": "Paid-in capital (or share capital)",
    "资本公积": "Capital reserve",
    "盈余公积": "Surplus reserve",
    "未分配利润": "Undistributed profit",
    "所有者权益（或股东权益）合计": "Total owners' equity",
    "负债和所有者权益（或股东权益）总计": "Total liabilities and owners' equity",
    # 利润表 (会小企02表)
    "一、营业收入": "1. Operating revenue",
    "减：营业成本": "Less: operating costs",
    "税金及附加": "Taxes and surcharges",
    "销售费用": "Selling expenses",
    "管理费用": "Administrative expenses",
    "财务费用": "Finance costs",
    "加：投资收益": "Add: investment income",
    "二、营业利润": "2. Operating profit",
    "加：营业外收入": "Add: non-operating income",
    "减：营业外支出": "Less: non-operating expenses",
    "三、利润总额": "3. Total profit",
    "减：所得税费用": "Less: income tax expense",
    "四、净利润": "4. Net profit",
    # 现金流量表 (会小企03表)
    "一、经营活动产生的现金流量：": "1. Cash flows from operating activities:",
    "二、投资活动产生的现金流量：": "2. Cash flows from investing activities:",
    "三、筹资活动产生的现金流量：": "3. Cash flows from financing activities:",
    "销售产成品、商品、提供劳务收到的现金": "Cash received from selling goods and services",
    "收到其他与经营活动有关的现金": "Other cash received from operating activities",
    "购买原材料、商品、接受劳务支付的现金": "Cash paid for materials, goods and services",
    "支付的职工薪酬": "Cash paid to employees",
    "支付的税费": "Taxes paid",
    "支付其他与经营活动有关的现金": "Other cash paid for operating activities",
    "经营活动产生的现金流量净额": "Net cash flow from operating activities",
    "收回短期投资、长期债券投资和长期股权投资收到的现金": "Cash received from recovering investments",
    "取得投资收益收到的现金": "Cash received from investment income",
    "处置固定资产、无形资产和其他非流动资产收回的现金净额": (
        "Net cash received from disposing of fixed, intangible and other non-current assets"
    ),
    "短期投资、长期债券投资和长期股权投资支付的现金": "Cash paid for investments",
    "购建固定资产、无形资产和其他非流动资产支付的现金": (
        "Cash paid for fixed, intangible and other non-current assets"
    ),
    "投资活动产生的现金流量净额": "Net cash flow from investing activities",
    "取得借款收到的现金": "Cash received from borrowings",
    "吸收投资者投资收到的现金": "Cash received from investors",
    "偿还借款本金支付的现金": "Cash repaid on borrowings",
    "偿还借款利息支付的现金": "Interest paid on borrowings",
    "分配利润支付的现金": "Cash paid for profit distribution",
    "筹资活动产生的现金流量净额": "Net cash flow from financing activities",
    "四、现金净增加额": "4. Net increase in cash",
    "加：期初现金余额": "Add: cash at the beginning of the period",
    "五、期末现金余额": "5. Cash at the end of the period",
}


def line_name(zh: str) -> str:
    """A statement line's name in the current language (the Chinese one when untranslated)."""
    return tr(zh, EN.get(zh, zh))
