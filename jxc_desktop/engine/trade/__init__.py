"""Purchasing and sales: open items (AR/AP), settlement, order execution, credit, pricing.

The modules: openitems (the AR/AP ledger), settlement (收款/付款 and advances), postings
(what approving trade documents writes; registered with the document framework),
invoices, execution (订单执行, 短缺关闭), credit (信用控制), pricing, generate (生成下游单据).
"""
