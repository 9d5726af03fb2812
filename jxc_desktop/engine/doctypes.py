"""The document types (单据类型) of DOMAIN.md and what each one needs."""

from __future__ import annotations

from dataclasses import dataclass

from jxc_desktop.engine.i18n import get_language


@dataclass(frozen=True)
class DocType:
    prefix: str
    zh: str
    en: str
    partner_kind: str | None = None  # customer / supplier
    needs_warehouse: bool = False
    needs_dest_warehouse: bool = False
    item_lines: bool = True  # False for money documents (SKD / FKD)
    value_only: bool = False  # lines carry an amount and no quantity (成本调整)

    @property
    def label(self) -> str:
        return self.zh if get_language() == "zh_CN" else self.en


_ALL = [
    DocType("CGSQ", "采购申请", "Purchase requisition"),
    DocType("CGDD", "采购订单", "Purchase order", "supplier"),
    DocType("CGRK", "采购入库", "Purchase receipt", "supplier", True),
    DocType("CGTH", "采购退货", "Purchase return", "supplier", True),
    DocType("CGFP", "采购发票", "Purchase invoice", "supplier"),
    DocType("FKD", "付款单", "Payment", "supplier", item_lines=False),
    DocType("XSBJ", "销售报价", "Quotation", "customer"),
    DocType("XSDD", "销售订单", "Sales order", "customer"),
    DocType("XSCK", "销售出库", "Delivery", "customer", True),
    DocType("XSTH", "销售退货", "Sales return", "customer", True),
    DocType("XSFP", "销售发票", "Sales invoice", "customer"),
    DocType("SKD", "收款单", "Receipt of money", "customer", item_lines=False),
    DocType("XSYC", "销售预测", "Sales forecast"),
    DocType("DBD", "调拨单", "Transfer", None, True, True),
    DocType("PDD", "盘点单", "Stocktake", None, True),
    DocType("QTRK", "其他入库", "Other receipt", None, True),
    DocType("QTCK", "其他出库", "Other issue", None, True),
    DocType("SCDD", "生产订单", "Work order"),
    DocType("SCLL", "生产领料", "Material issue", None, True),
    DocType("CPRK", "产品入库", "Finished goods receipt", None, True),
    DocType("WWDD", "委外订单", "Outsourcing order", "supplier"),
    DocType("WWFL", "委外发料", "Outsourcing material issue", "supplier", True),
    DocType("WWRK", "委外入库", "Outsourcing receipt", "supplier", True),
    DocType("WWTL", "委外退料", "Outsourcing material return", "supplier", True),
    DocType("QCKC", "期初库存", "Opening stock", None, True),
    DocType("CBTZ", "成本调整", "Cost adjustment", None, True, value_only=True),
    DocType("ZJD", "质检单", "Inspection"),
]

DOC_TYPES: dict[str, DocType] = {d.prefix: d for d in _ALL}
