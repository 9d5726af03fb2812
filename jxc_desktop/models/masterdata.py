"""Base data (基础资料): items, units, warehouses, partners, currencies, tax rates, staff."""

from __future__ import annotations

from peewee import (
    AutoField,
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
)

from jxc_desktop.models.base import BaseModel, now
from jxc_desktop.models.fields import FactorField, MoneyField, PriceField, QtyField, RateField

ITEM_TYPES = ("material", "semi", "finished", "goods", "service")  # 原材料 半成品 产成品 商品 服务
VALUATION_METHODS = ("moving_average", "fifo", "periodic", "specific")
ITEM_SOURCES = ("purchase", "make", "outsource")  # 采购 自制 委外
LOT_RULES = ("lot_for_lot", "fixed", "minimum", "period")  # 按需 固定批量 最小批量 固定周期


class Unit(BaseModel):
    id = AutoField()
    name = CharField(unique=True)  # 个, 箱, kg
    active = BooleanField(default=True)


class ItemCategory(BaseModel):
    id = AutoField()
    code = CharField(unique=True)
    name = CharField()
    parent = ForeignKeyField("self", null=True, backref="children", on_delete="RESTRICT")
    active = BooleanField(default=True)


class Warehouse(BaseModel):
    id = AutoField()
    code = CharField(unique=True)
    name = CharField()
    is_quarantine = BooleanField(default=False)
    active = BooleanField(default=True)


class Location(BaseModel):
    """A storage location (库位) inside a warehouse."""

    id = AutoField()
    warehouse = ForeignKeyField(Warehouse, backref="locations", on_delete="RESTRICT")
    code = CharField()
    name = CharField(default="")
    active = BooleanField(default=True)

    class Meta:
        indexes = ((("warehouse", "code"), True),)


class Item(BaseModel):
    id = AutoField()
    code = CharField(unique=True)
    name = CharField(index=True)
    spec = CharField(default="")  # 规格型号
    category = ForeignKeyField(ItemCategory, null=True, on_delete="RESTRICT")
    item_type = CharField(default="goods")
    base_unit = ForeignKeyField(Unit, on_delete="RESTRICT")
    tax_rate = RateField(default=13)
    purchase_price = PriceField(default=0)
    sale_price = PriceField(default=0)
    valuation_method = CharField(default="moving_average")
    batch_managed = BooleanField(default=False)
    shelf_life_days = IntegerField(null=True)
    serial_managed = BooleanField(default=False)
    safety_stock = QtyField(default=0)
    max_stock = QtyField(default=0)
    default_warehouse = ForeignKeyField(Warehouse, null=True, on_delete="RESTRICT")
    # planning (MRP)
    source = CharField(default="purchase")
    lead_time_days = IntegerField(default=0)
    lot_rule = CharField(default="lot_for_lot")
    lot_size = QtyField(default=0)
    min_order_qty = QtyField(default=0)
    purchase_unit = ForeignKeyField(Unit, null=True, on_delete="RESTRICT", backref="+")
    purchase_unit_factor = FactorField(null=True)
    active = BooleanField(default=True)
    created_at = DateTimeField(default=now)
    # planning, added later (last, as upgraded files have it): 固定周期's days per order;
    # nullable so rows inserted in bulk may leave it out
    lot_period_days = IntegerField(null=True)


class ItemUnit(BaseModel):
    """Another unit of an item with its exact conversion: 1 箱 = factor base units."""

    id = AutoField()
    item = ForeignKeyField(Item, backref="units", on_delete="CASCADE")
    unit = ForeignKeyField(Unit, on_delete="RESTRICT")
    factor = FactorField()

    class Meta:
        indexes = ((("item", "unit"), True),)


class ItemBarcode(BaseModel):
    """A barcode of an item; a per-unit code (a box code) names its unit."""

    id = AutoField()
    barcode = CharField(unique=True)
    item = ForeignKeyField(Item, backref="barcodes", on_delete="CASCADE")
    unit = ForeignKeyField(Unit, null=True, on_delete="RESTRICT")


class Partner(BaseModel):
    """A customer or a supplier (往来单位); codes are unique within each kind."""

    id = AutoField()
    kind = CharField()  # customer / supplier
    code = CharField()
    name = CharField(index=True)
    contact = CharField(default="")
    phone = CharField(default="")
    address = CharField(default="")
    tax_number = CharField(default="")
    bank_account = CharField(default="")
    credit_limit = MoneyField(default=0)
    credit_rating = CharField(default="")
    payment_terms_days = IntegerField(default=0)
    price_grade = CharField(default="")
    active = BooleanField(default=True)
    created_at = DateTimeField(default=now)

    class Meta:
        indexes = ((("kind", "code"), True),)


class Currency(BaseModel):
    code = CharField(primary_key=True)  # CNY, USD
    name = CharField()
    symbol = CharField(default="")
    active = BooleanField(default=True)


class ExchangeRate(BaseModel):
    id = AutoField()
    currency = ForeignKeyField(Currency, on_delete="CASCADE")
    date = DateField()
    rate = FactorField()  # CNY per one unit of the currency

    class Meta:
        indexes = ((("currency", "date"), True),)


class TaxRate(BaseModel):
    id = AutoField()
    name = CharField(unique=True)
    rate = RateField()
    active = BooleanField(default=True)


class Department(BaseModel):
    id = AutoField()
    code = CharField(unique=True)
    name = CharField()
    parent = ForeignKeyField("self", null=True, on_delete="RESTRICT")
    active = BooleanField(default=True)


class Staff(BaseModel):
    """经办人: the salesperson, buyer or clerk named on documents."""

    id = AutoField()
    code = CharField(unique=True)
    name = CharField()
    department = ForeignKeyField(Department, null=True, on_delete="RESTRICT")
    phone = CharField(default="")
    active = BooleanField(default=True)


class Batch(BaseModel):
    """A batch (批次) of a batch-managed item with its dates."""

    id = AutoField()
    item = ForeignKeyField(Item, on_delete="RESTRICT")
    batch_no = CharField()
    production_date = DateField(null=True)
    expiry_date = DateField(null=True)

    class Meta:
        indexes = ((("item", "batch_no"), True),)
