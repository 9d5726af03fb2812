"""Tables of the production module (created by schema step 3; see schema.py).

BOMs (物料清单) with lines and by-products, work centres and routings, process steps
(分步法 cost objects), work-order states, the cost clerk's month data (work hours,
counted work in process) and the links from a cost run to the documents it wrote.
"""

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
from jxc_desktop.models.documents import Document
from jxc_desktop.models.fields import FactorField, MoneyField, PriceField, QtyField, RateField
from jxc_desktop.models.masterdata import Item, Unit

WORK_ORDER_STATUSES = ("planned", "released", "in_progress", "completed", "closed")


class Bom(BaseModel):
    """A BOM header: the parent item, its version and the date from which it applies."""

    id = AutoField()
    item = ForeignKeyField(Item, on_delete="RESTRICT", backref="boms")
    version = CharField(default="1")
    effective_date = DateField(null=True)  # None: always
    phantom = BooleanField(default=False)  # 虚拟件: planned through, never made
    remarks = CharField(default="")
    created_at = DateTimeField(default=now)

    class Meta:
        indexes = ((("item", "version"), True),)


class BomLine(BaseModel):
    """A component: qty in `unit` per ONE base unit of the parent, plus its scrap rate %."""

    id = AutoField()
    bom = ForeignKeyField(Bom, on_delete="CASCADE", backref="lines")
    line_no = IntegerField()
    component = ForeignKeyField(Item, on_delete="RESTRICT", backref="+")
    qty = FactorField()
    unit = ForeignKeyField(Unit, on_delete="RESTRICT", backref="+")
    scrap_rate = RateField(default=0)  # 损耗率, percent


class BomByProduct(BaseModel):
    """A by-product (副产品) with its share of the parent's cost, percent."""

    id = AutoField()
    bom = ForeignKeyField(Bom, on_delete="CASCADE", backref="by_products")
    item = ForeignKeyField(Item, on_delete="RESTRICT", backref="+")
    qty = FactorField()  # base units per one base unit of the parent
    cost_share = RateField(default=0)


class WorkCentre(BaseModel):
    id = AutoField()
    code = CharField(unique=True)
    name = CharField()
    labour_rate = PriceField(default=0)  # per hour
    overhead_rate = PriceField(default=0)  # per hour
    capacity_hours = QtyField(default=0)  # per day


class RoutingOperation(BaseModel):
    """One operation of an item's routing (工艺路线)."""

    id = AutoField()
    item = ForeignKeyField(Item, on_delete="RESTRICT", backref="+")
    seq = IntegerField()
    name = CharField()
    work_centre = ForeignKeyField(WorkCentre, on_delete="RESTRICT", backref="operations")
    setup_hours = QtyField(default=0)
    hours_per_unit = FactorField(default=0)

    class Meta:
        indexes = ((("item", "seq"), True),)


class ProcessStep(BaseModel):
    """A process step (工序/步骤) of 分步法; steps are costed in `seq` order."""

    id = AutoField()
    code = CharField(unique=True)
    name = CharField(default="")
    seq = IntegerField(default=0)


class WorkOrderState(BaseModel):
    """The status a user set on a work order (completed / closed); the rest is derived."""

    id = AutoField()
    document = ForeignKeyField(Document, unique=True, on_delete="CASCADE", backref="+")
    status = CharField()
    updated_at = DateTimeField(default=now)


class WorkHours(BaseModel):
    """工时: a month's labour and machine hours of one cost object."""

    id = AutoField()
    period = CharField()
    cost_object = CharField()
    labour_hours = QtyField(default=0)
    machine_hours = QtyField(default=0)

    class Meta:
        indexes = ((("period", "cost_object"), True),)


class WipCount(BaseModel):
    """在产品: an opening (期初) or closing (期末) work-in-process row of a cost object."""

    id = AutoField()
    period = CharField(index=True)
    kind = CharField()  # opening / closing
    cost_object = CharField()
    item = ForeignKeyField(Item, on_delete="RESTRICT", backref="+")
    qty = QtyField()
    material_pct = RateField(default=100)
    labour_pct = RateField(default=0)
    overhead_pct = RateField(default=0)
    material = MoneyField(default=0)
    labour = MoneyField(default=0)
    overhead = MoneyField(default=0)


class CostRunDocument(BaseModel):
    """A document a cost run wrote for a period (its cost adjustments), undone on re-run.

    Each run also leaves one row without a document: the mark that the month was costed.
    """

    id = AutoField()
    period = CharField(index=True)
    document = ForeignKeyField(Document, null=True, on_delete="CASCADE", backref="+")
    created_at = DateTimeField(default=now)


class OutsourcingConsumption(BaseModel):
    """委外: the materials at the subcontractor that one 委外入库 WWRK line consumed.

    Written when the receipt is approved and deleted when it is un-approved: it records
    which part of the 委托加工物资 balance of an outsourcing order the receipt took.
    """

    id = AutoField()
    document = ForeignKeyField(Document, on_delete="CASCADE", backref="+")
    line_id = IntegerField()  # the WWRK line
    order = ForeignKeyField(Document, on_delete="RESTRICT", backref="+")  # the WWDD
    item = ForeignKeyField(Item, on_delete="RESTRICT", backref="+")  # the component
    qty = QtyField()  # base units
    value = MoneyField()


class CentreShift(BaseModel):
    """工作日历: a work centre's working weekdays and 班次 from a date on.

    The pattern in effect on a day is the latest one starting on or before it; before
    the first, the centre works the company's weekdays (setting `work_week`) at its
    capacity_hours.
    """

    id = AutoField()
    work_centre = ForeignKeyField(WorkCentre, on_delete="CASCADE", backref="+")
    effective_from = DateField()
    weekdays = CharField()  # ISO weekday digits, e.g. "123456" = Mon-Sat
    shifts = IntegerField()
    shift_hours = QtyField()

    class Meta:
        indexes = ((("work_centre", "effective_from"), True),)


class CentreDay(BaseModel):
    """A dated exception: closed (holiday) or overtime (extra hours, also on a closed day).

    No work centre: every centre (a company holiday); a centre's own row wins.
    """

    id = AutoField()
    work_centre = ForeignKeyField(WorkCentre, null=True, on_delete="CASCADE", backref="+")
    day = DateField(index=True)
    kind = CharField()  # closed / overtime
    hours = QtyField(default=0)
    remarks = CharField(default="")


class WorkOrderSchedule(BaseModel):
    """The planned start and finish an applied 有限产能排程 gave a work order (an
    approved SCDD is immutable, so the dates live here)."""

    id = AutoField()
    document = ForeignKeyField(Document, unique=True, on_delete="CASCADE", backref="+")
    start = DateField()
    finish = DateField()
    scheduled_at = DateTimeField(default=now)


MODELS: list = [
    Bom,
    BomLine,
    BomByProduct,
    WorkCentre,
    RoutingOperation,
    ProcessStep,
    WorkOrderState,
    WorkHours,
    WipCount,
    CostRunDocument,
    OutsourcingConsumption,
    CentreShift,
    CentreDay,
    WorkOrderSchedule,
]
# Ledger tables whose rows are never updated or deleted (guarded by triggers).
APPEND_ONLY: list[str] = []
