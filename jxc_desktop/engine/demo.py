"""The demo company (`jxc init --demo`): a small trading-and-manufacturing business.

华兴商贸 buys and sells food, drinks, household goods and stationery, and assembles
small appliances from raw materials. Everything is generated from a fixed seed, so
every demo database is identical; all base data goes through the engine's own save
functions, so the demo obeys every validation rule (valid EAN-13 check digits, valid
统一社会信用代码, ...).
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from jxc_desktop.engine import barcodes
from jxc_desktop.engine import masterdata as md
from jxc_desktop.engine.company import CompanySetup, init_company
from jxc_desktop.engine.masterdata.partners import USCC_CHARS, uscc_check_char
from jxc_desktop.engine.session import audit
from jxc_desktop.models.company import Company
from jxc_desktop.models.db import write_transaction

SEED = 20261125

CATEGORIES = [
    ("01", "原材料", None),
    ("0101", "金属材料", "01"),
    ("0102", "塑料原料", "01"),
    ("0103", "电子元器件", "01"),
    ("0104", "包装材料", "01"),
    ("02", "半成品", None),
    ("03", "产成品", None),
    ("0301", "小家电", "03"),
    ("04", "商品", None),
    ("0401", "饮料", "04"),
    ("0402", "休闲食品", "04"),
    ("0403", "日用百货", "04"),
    ("0404", "文具办公", "04"),
]
EXTRA_UNITS = ["盒", "支", "本", "桶"]

# (category, item type, base unit, box unit or None, names, specs, price range,
#  batch-managed shelf life in days or None)
CATALOG = [
    (
        "0401",
        "goods",
        "瓶",
        "箱",
        ["矿泉水", "纯净水", "苏打水", "绿茶", "红茶", "橙汁", "柠檬茶", "可乐", "雪碧", "椰汁"],
        ["350ml", "550ml", "1.5L"],
        (1, 6),
        365,
    ),
    (
        "0401",
        "goods",
        "盒",
        "箱",
        ["纯牛奶", "酸奶", "豆奶", "核桃露"],
        ["250ml", "200g"],
        (2, 8),
        180,
    ),
    (
        "0402",
        "goods",
        "袋",
        "箱",
        [
            "苏打饼干",
            "薯片",
            "方便面",
            "牛肉干",
            "瓜子",
            "花生",
            "巧克力",
            "蛋黄派",
            "米饼",
            "海苔",
        ],
        ["60g", "100g", "200g"],
        (3, 25),
        270,
    ),
    (
        "0403",
        "goods",
        "瓶",
        "箱",
        ["洗衣液", "洗洁精", "洗发水", "沐浴露", "消毒液"],
        ["500ml", "1kg", "2kg"],
        (8, 45),
        None,
    ),
    (
        "0403",
        "goods",
        "个",
        "箱",
        ["毛巾", "牙刷", "拖鞋", "收纳盒", "保温杯", "晾衣架"],
        ["标准", "加大"],
        (5, 60),
        None,
    ),
    (
        "0403",
        "goods",
        "包",
        "箱",
        ["抽纸", "卷纸", "湿巾"],
        ["3层100抽", "4层10卷", "80片"],
        (4, 30),
        None,
    ),
    (
        "0404",
        "goods",
        "支",
        "盒",
        ["中性笔", "圆珠笔", "记号笔", "荧光笔"],
        ["0.5mm 黑", "0.5mm 蓝", "0.7mm 红"],
        (1, 5),
        None,
    ),
    ("0404", "goods", "本", "箱", ["笔记本", "便利贴", "账本"], ["A5", "B5"], (3, 20), None),
    ("0404", "goods", "包", "箱", ["复印纸"], ["A4 70g", "A4 80g", "A3 80g"], (18, 35), None),
    (
        "0101",
        "material",
        "kg",
        None,
        ["冷轧钢板", "不锈钢板", "铝板", "镀锌钢板"],
        ["0.8mm", "1.0mm", "1.5mm"],
        (5, 30),
        None,
    ),
    ("0101", "material", "米", None, ["不锈钢管", "铜管"], ["Φ16", "Φ25"], (10, 60), None),
    (
        "0102",
        "material",
        "kg",
        "袋",
        ["ABS 塑料粒子", "PP 塑料粒子", "PC 塑料粒子"],
        ["注塑级", "阻燃级"],
        (10, 25),
        None,
    ),
    (
        "0103",
        "material",
        "个",
        "包",
        ["贴片电阻", "电解电容", "发光二极管", "温控器", "继电器", "电源开关"],
        ["标准", "高温型"],
        (0, 3),
        None,
    ),
    (
        "0103",
        "material",
        "件",
        None,
        ["电源线", "控制板 PCB", "电机"],
        ["国标 1.5m", "通用型"],
        (4, 40),
        None,
    ),
    (
        "0104",
        "material",
        "个",
        None,
        ["五层纸箱", "彩盒", "泡沫护角"],
        ["小号", "大号"],
        (1, 6),
        None,
    ),
    (
        "0104",
        "material",
        "卷",
        None,
        ["封箱胶带", "不干胶标签"],
        ["48mm", "60×40mm"],
        (3, 12),
        None,
    ),
    (
        "02",
        "semi",
        "件",
        None,
        ["电机组件", "控制板组件", "壶身组件", "扇叶组件", "外壳组件"],
        ["A 型", "B 型"],
        (15, 80),
        None,
    ),
    (
        "0301",
        "finished",
        "台",
        "箱",
        ["电热水壶", "电风扇", "电饭煲", "榨汁机", "电暖器"],
        ["1.7L 不锈钢", "标准款"],
        (89, 399),
        None,
    ),
]
BOX_FACTORS = {
    "瓶": [12, 24],
    "盒": [12, 24],
    "袋": [20, 30],
    "个": [10, 20],
    "包": [10, 12],
    "支": [12],
    "本": [20],
    "台": [1],
}
BOX_FACTORS_OTHER = {"袋": [25], "包": [100, 500], "盒": [10]}

CITIES = [
    ("上海", "310115", "浦东新区", "张江路"),
    ("北京", "110105", "朝阳区", "建国路"),
    ("广州", "440106", "天河区", "体育西路"),
    ("深圳", "440305", "南山区", "科技园路"),
    ("杭州", "330106", "西湖区", "文三路"),
    ("南京", "320104", "秦淮区", "中山南路"),
    ("苏州", "320505", "虎丘区", "长江路"),
    ("宁波", "330212", "鄞州区", "天童南路"),
    ("厦门", "350203", "思明区", "湖滨南路"),
    ("武汉", "420106", "武昌区", "中南路"),
    ("成都", "510107", "武侯区", "人民南路"),
    ("佛山", "440606", "顺德区", "大良路"),
]
BRANDS = [
    "华联",
    "永辉",
    "佳信",
    "宏达",
    "鑫源",
    "金泰",
    "恒通",
    "瑞丰",
    "兴隆",
    "万家",
    "百盛",
    "联华",
    "顺发",
    "中天",
    "天虹",
    "和美",
    "富源",
    "嘉禾",
    "盛世",
    "利群",
    "新世纪",
    "东方",
    "长城",
    "海纳",
]
CUSTOMER_TRADES = [
    "商贸有限公司",
    "超市有限公司",
    "百货有限公司",
    "贸易有限公司",
    "便利店连锁有限公司",
    "电器有限公司",
]
SUPPLIER_TRADES = [
    "食品有限公司",
    "饮料有限公司",
    "塑胶制品有限公司",
    "五金制品有限公司",
    "电子有限公司",
    "包装材料有限公司",
    "钢材贸易有限公司",
    "日化用品有限公司",
    "文具有限公司",
]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
GIVEN = [
    "伟",
    "芳",
    "娜",
    "敏",
    "静",
    "磊",
    "强",
    "洋",
    "艳",
    "杰",
    "军",
    "勇",
    "丽",
    "涛",
    "明",
    "超",
    "霞",
    "平",
    "刚",
    "婷",
]
DEPARTMENTS = [
    ("D01", "总经办", None),
    ("D02", "销售部", None),
    ("D0201", "销售一部", "D02"),
    ("D0202", "销售二部", "D02"),
    ("D03", "采购部", None),
    ("D04", "仓储部", None),
    ("D05", "生产部", None),
    ("D06", "财务部", None),
]


def _ean13(rng: random.Random, used: set[str]) -> str:
    while True:
        body = (
            rng.choice(["690", "691", "692", "693", "694", "695"]) + f"{rng.randrange(10**9):09d}"
        )
        code = barcodes.complete_ean13(body)
        if code not in used:
            used.add(code)
            return code


def _box_code(ean: str) -> str:
    """A GTIN-14 case code for a retail EAN-13: indicator 1 + the first 12 digits + check."""
    body = "1" + ean[:12]
    return body + str(barcodes.ean_check_digit(body))


def _price(rng: random.Random, low: int, high: int) -> Decimal:
    return Decimal(rng.randrange(low * 100 + 10, high * 100 + 100, 10)) / 100


def _item_rows(rng: random.Random):
    """(category, type, unit, box, name, spec, price range, shelf life) per demo item."""
    for cat, kind, unit, box, names, specs, prices, shelf in CATALOG:
        for name in names:
            for spec in specs:
                yield cat, kind, unit, box, name, spec, prices, shelf


def _item_data(rng: random.Random, n: int, row, used: set[str]) -> md.ItemData:
    cat, kind, unit, box, name, spec, (low, high), shelf = row
    cost = _price(rng, low, high)
    retail = kind in ("goods", "finished")
    data = md.ItemData(
        code=f"{cat[:2]}{n:04d}",
        name=name,
        spec=spec,
        category=cat,
        item_type=kind,
        base_unit=unit,
        tax_rate=Decimal(9) if cat in ("0402",) and name in ("瓜子", "花生") else Decimal(13),
        purchase_price=cost,
        sale_price=(cost * Decimal("1.35")).quantize(Decimal("0.1")) if retail else Decimal(0),
        batch_managed=shelf is not None,
        shelf_life_days=shelf,
        default_warehouse="WH01" if retail else "WH02",
        source={"semi": "make", "finished": "make"}.get(kind, "purchase"),
        lead_time_days=rng.choice([2, 3, 5, 7, 10]),
    )
    data.safety_stock = Decimal(rng.choice([0, 10, 20, 50, 100]))
    data.max_stock = data.safety_stock * 10 if data.safety_stock else Decimal(0)
    if retail:
        ean = _ean13(rng, used)
        data.barcodes.append(md.BarcodeData(ean))
    if box:
        factor = rng.choice((BOX_FACTORS if retail else BOX_FACTORS_OTHER).get(unit, [10]))
        data.units.append(md.UnitData(box, Decimal(factor)))
        if retail:
            data.barcodes.append(md.BarcodeData(_box_code(data.barcodes[0].barcode), box))
        if kind == "material" or cat in ("0401", "0402"):
            data.purchase_unit = box
    _valuation(rng, data, cat, n)
    if kind == "material":
        data.lot_rule, data.min_order_qty = "minimum", Decimal(rng.choice([50, 100, 200]))
    return data


def _valuation(rng: random.Random, data: md.ItemData, cat: str, n: int) -> None:
    """Most items use the company default; food is FIFO, metals periodic, a few specific."""
    if data.batch_managed and cat == "0401":
        data.valuation_method = "fifo"
    elif cat == "0101":
        data.valuation_method = "periodic"
    elif cat == "0301" and n % 4 == 0:
        data.valuation_method = "specific"
        data.batch_managed = True


def _uscc(rng: random.Random, region: str) -> str:
    org = "".join(rng.choice(USCC_CHARS[:10] + "ABCDEFGHJKLMN") for _ in range(8))
    org += rng.choice("0123456789")
    first = "91" + region + org
    return first + uscc_check_char(first)


def _person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice([1, 2])))


def _mobile(rng: random.Random) -> str:
    return (
        rng.choice(["138", "139", "136", "135", "186", "159", "177", "188"])
        + f"{rng.randrange(10**8):08d}"
    )


def _partner(rng: random.Random, kind: str, n: int, used: set[str]) -> md.PartnerData:
    city, region, district, road = rng.choice(CITIES)
    trades = CUSTOMER_TRADES if kind == "customer" else SUPPLIER_TRADES
    while True:
        name = f"{city}{rng.choice(BRANDS)}{rng.choice(trades)}"
        if name not in used:
            used.add(name)
            break
    return md.PartnerData(
        kind=kind,
        code=("C" if kind == "customer" else "S") + f"{n:03d}",
        name=name,
        contact=_person(rng),
        phone=_mobile(rng),
        address=f"{city}市{district}{road}{rng.randrange(1, 999)}号",
        tax_number=_uscc(rng, region),
        bank_account=f"中国工商银行{city}分行 6222{rng.randrange(10**15):015d}",
        credit_limit=Decimal(rng.choice([0, 50000, 100000, 200000, 500000]))
        if kind == "customer"
        else Decimal(0),
        credit_rating=rng.choice(["A", "A", "B", "C"]) if kind == "customer" else "",
        payment_terms_days=rng.choice([0, 30, 30, 45, 60]),
        price_grade=rng.choice(["零售价", "批发价", "批发价", "大客户价"])
        if kind == "customer"
        else "",
    )


def _warehouses() -> None:
    main_locs = [
        md.LocationData(f"{zone}-{i:02d}", f"{zone}区{i}号货架")
        for zone in "AB"
        for i in range(1, 11)
    ]
    md.save_warehouse(md.WarehouseData("WH01", "主仓库", locations=main_locs))
    raw_locs = [md.LocationData(f"R-{i:02d}", f"原料区{i}号") for i in range(1, 7)]
    md.save_warehouse(md.WarehouseData("WH02", "原料库", locations=raw_locs))


def _people(rng: random.Random) -> None:
    for code, name, parent in DEPARTMENTS:
        md.save_department(md.DepartmentData(code, name, parent))
    staff_depts = [
        "D01",
        "D0201",
        "D0201",
        "D0201",
        "D0202",
        "D0202",
        "D03",
        "D03",
        "D04",
        "D04",
        "D05",
        "D05",
        "D06",
        "D06",
    ]
    for n, dept in enumerate(staff_depts, start=1):
        md.save_staff(md.StaffData(f"E{n:03d}", _person(rng), dept, _mobile(rng)))


def build_demo(setup: CompanySetup, close_past_months: bool = False) -> Company:
    """Creates the company (init_company) and fills it with the demo base data and a few
    months of business; `close_past_months` then closes every month before this one, as
    the shop's accountant would have (the GUI and `jxc init --demo` ask for it)."""
    if not setup.start_period:
        setup.start_period = _months_ago(dt.date.today(), 3)
    company = init_company(setup)
    rng = random.Random(SEED)
    with write_transaction():
        for name in EXTRA_UNITS:
            md.save_unit(name)
        for code, name, parent in CATEGORIES:
            md.save_category(md.CategoryData(code, name, parent))
        _warehouses()
        _people(rng)
        used_codes: set[str] = set()
        for n, row in enumerate(_item_rows(rng), start=1):
            md.save_item(_item_data(rng, n, row, used_codes))
        names: set[str] = set()
        for n in range(1, 31):
            md.save_partner(_partner(rng, "customer", n, names))
        for n in range(1, 16):
            md.save_partner(_partner(rng, "supplier", n, names))
        md.save_exchange_rate("USD", _first_day(setup), "7.1")
        md.save_exchange_rate("HKD", _first_day(setup), "0.91")
        audit("company.demo", company.name)
    last_day = max(dt.date.today(), _first_day(setup) + dt.timedelta(days=60))
    with write_transaction():
        from jxc_desktop.engine.demo_production import build_production_demo
        from jxc_desktop.engine.demo_stock import build_stock_history
        from jxc_desktop.engine.demo_trade import build_trade_demo
        from jxc_desktop.engine.production.capacity_calendar import demo_calendar
        from jxc_desktop.engine.production.outsourcing_demo import build_fee_invoice_demo
        from jxc_desktop.engine.quality.demo import build_quality_demo

        build_stock_history(_first_day(setup), last_day)
        build_production_demo(_first_day(setup), last_day)
        demo_calendar(_first_day(setup))  # 工作日历: Mon-Sat, two shifts, public holidays
        build_fee_invoice_demo(_first_day(setup))
        build_trade_demo(_first_day(setup), last_day)
        # last: it inspects the purchase receipts the trade demo made
        build_quality_demo(_first_day(setup), last_day)
    tidy_voucher_numbers()
    if close_past_months:
        close_months_before(dt.date.today())
    return company


def tidy_voucher_numbers() -> None:
    """凭证整理 of every open month: the demo's documents are made area by area (stock,
    production, trade), so their vouchers were numbered out of date order; the shop's
    accountant tidies them before closing, as in 用友 and 金蝶."""
    from jxc_desktop.engine.finance.renumber import renumber
    from jxc_desktop.models.company import Period

    for period in Period.select().where(~Period.closed).order_by(Period.start):
        renumber(period.code)


def close_months_before(day: dt.date) -> list[str]:
    """月末结账 of every open month that ends before `day`'s month, oldest first."""
    from jxc_desktop.engine.finance import closing
    from jxc_desktop.models.company import Period

    messages = []
    first_of_month = day.replace(day=1)
    query = Period.select().where(~Period.closed & (Period.end < first_of_month))
    for period in query.order_by(Period.start):
        messages += closing.close(period.code).messages
    return messages


def _months_ago(day, months: int) -> str:
    y, m = divmod(day.year * 12 + day.month - 1 - months, 12)
    return f"{y:04d}-{m + 1:02d}"


def _first_day(setup: CompanySetup):
    from jxc_desktop.engine.company import month_bounds

    return month_bounds(setup.start_period)[0]
