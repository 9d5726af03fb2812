"""The base-data sheet formats: headers, which are required, choices and instructions.

Templates, imports and exports all read these, so the three never disagree. Headers
are the ones DOMAIN.md fixes; the items sheet adds the planning extras and optional
other units (辅助单位).
"""

from __future__ import annotations

from dataclasses import dataclass

ITEM_TYPES_ZH = {
    "原材料": "material",
    "半成品": "semi",
    "产成品": "finished",
    "商品": "goods",
    "服务": "service",
}
VALUATION_ZH = {
    "移动加权平均": "moving_average",
    "先进先出": "fifo",
    "月末一次加权平均": "periodic",
    "个别计价": "specific",
}
SOURCE_ZH = {"采购": "purchase", "自制": "make", "委外": "outsource"}
LOT_RULE_ZH = {
    "按需": "lot_for_lot",
    "固定批量": "fixed",
    "最小批量": "minimum",
    "固定周期": "period",
}
YES_NO = ["是", "否"]


@dataclass(frozen=True)
class SheetColumn:
    header: str
    note: str  # the instruction shown on the 填写说明 sheet
    required: bool = False
    choices: tuple[str, ...] = ()
    width: int = 14


@dataclass(frozen=True)
class SheetFormat:
    kind: str
    title: str  # the data sheet's name
    columns: tuple[SheetColumn, ...]

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]

    @property
    def required(self) -> list[str]:
        return [c.header for c in self.columns if c.required]


def _c(header, note, required=False, choices=(), width=14) -> SheetColumn:
    return SheetColumn(header, note, required, tuple(choices), width)


ITEMS = SheetFormat(
    "items",
    "商品",
    (
        _c("商品编码", "必填，唯一，不含空格，最长 40 个字符", True, width=16),
        _c("商品名称", "必填", True, width=24),
        _c("规格型号", "可空"),
        _c("分类", "分类编码或名称；不存在时自动创建，可用“原材料/包装材料”表示上下级"),
        _c("类型", "原材料 / 半成品 / 产成品 / 商品 / 服务；空 = 商品", choices=ITEM_TYPES_ZH),
        _c("基本单位", "必填，必须是已有的计量单位（如 个、箱、kg）", True),
        _c(
            "条码",
            "可空；多个条码用逗号分隔；13 位 EAN-13 / 8 位 EAN-8 / 12 位 UPC-A 会校验校验位",
            width=18,
        ),
        _c("税率", "百分数，如 13 表示 13%；空 = 13"),
        _c(
            "计价方法",
            "移动加权平均 / 先进先出 / 月末一次加权平均 / 个别计价；空 = 账套默认",
            choices=VALUATION_ZH,
            width=18,
        ),
        _c("批次管理", "是 / 否；空 = 否", choices=YES_NO),
        _c("保质期天数", "整数，需启用批次管理"),
        _c("安全库存", "数量，最多 4 位小数"),
        _c("最高库存", "数量，不能小于安全库存"),
        _c("采购价", "不含税单价，最多 6 位小数"),
        _c("销售价", "不含税单价，最多 6 位小数"),
        _c("物料来源", "采购 / 自制 / 委外；空 = 采购", choices=SOURCE_ZH),
        _c("提前期天数", "整数"),
        _c("批量规则", "按需 / 固定批量 / 最小批量 / 固定周期；空 = 按需", choices=LOT_RULE_ZH),
        _c("批量", "固定批量规则时必填；固定周期时可填，作为批量倍数"),
        _c("批量周期天数", "固定周期规则时必填：一张计划订单覆盖的天数，如 7"),
        _c("最小订货量", "数量"),
        _c("采购单位", "可空；已有的计量单位"),
        _c("采购单位换算", "1 采购单位 = 多少基本单位；采购单位是辅助单位时可空"),
        _c("辅助单位", "可空；多个用逗号分隔，如 箱,包"),
        _c("换算率", "1 辅助单位 = 多少基本单位，与辅助单位一一对应，如 24,6"),
        _c("辅助单位条码", "可空；与辅助单位一一对应（如箱码），逗号分隔", width=18),
    ),
)


def _partner_format(kind: str, title: str) -> SheetFormat:
    return SheetFormat(
        kind,
        title,
        (
            _c("编码", "必填，同类往来单位中唯一", True),
            _c("名称", "必填", True, width=28),
            _c("联系人", "可空"),
            _c("电话", "可空", width=16),
            _c("地址", "可空", width=30),
            _c("税号", "可空；18 位统一社会信用代码会校验校验位", width=22),
            _c("信用额度", "金额，最多 2 位小数；空 = 0"),
            _c("银行账户", "可空", width=24),
            _c("付款期限天数", "整数；空 = 0"),
            _c("价格等级", "可空"),
            _c("信用等级", "可空"),
        ),
    )


CUSTOMERS = _partner_format("customers", "客户")
SUPPLIERS = _partner_format("suppliers", "供应商")

WAREHOUSES = SheetFormat(
    "warehouses",
    "仓库",
    (
        _c("仓库编码", "必填，唯一", True),
        _c("仓库名称", "必填", True, width=20),
        _c("待检仓", "是 / 否；空 = 否", choices=YES_NO),
        _c("库位编码", "可空；一个仓库有多个库位时，每个库位一行，仓库编码和名称重复填写"),
        _c("库位名称", "可空"),
    ),
)

FORMATS = {f.kind: f for f in (ITEMS, CUSTOMERS, SUPPLIERS, WAREHOUSES)}
