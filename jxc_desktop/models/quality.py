"""Tables of quality control (质检): inspection plans, inspection results, and supplier
qualification documents (资质).

Created by schema step 5 (see schema.py); append new tables to MODELS, parents first.
An inspection (质检单 ZJD) is an ordinary document; its lines carry the inspected quantity
(qty, in the source line's unit) and name the inspected line (source_line). The results
of each line (sample, accepted, rejected, concession) live in `inspection_result`,
written with the draft and removed with its lines.
"""

from __future__ import annotations

from peewee import (
    AutoField,
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    TextField,
)

from jxc_desktop.models.base import BaseModel, now
from jxc_desktop.models.documents import DocumentLine
from jxc_desktop.models.fields import QtyField, RateField
from jxc_desktop.models.masterdata import Item, Partner, Warehouse

STAGES = ("incoming", "process", "final")  # 来料检验 / 工序检验 / 完工检验
SAMPLINGS = ("full", "fixed", "percent")  # 全检 / 固定数量 / 按比例（有最小数）


class InspectionPlan(BaseModel):
    """How an item is inspected at one stage (one plan per item and stage)."""

    id = AutoField()
    item = ForeignKeyField(Item, on_delete="RESTRICT", backref="+")
    stage = CharField()
    sampling = CharField(default="full")
    sample_qty = QtyField(default=0)  # fixed: the sample size; percent: the minimum
    sample_percent = RateField(default=0)  # percent sampling: e.g. 10 = 10 %
    criteria = TextField(default="")  # 检验项目: what to check and the limits
    quarantine_warehouse = ForeignKeyField(Warehouse, null=True, on_delete="RESTRICT")
    active = BooleanField(default=True)
    updated_at = DateTimeField(default=now)

    class Meta:
        indexes = ((("item", "stage"), True),)


class InspectionResult(BaseModel):
    """The results of one line of a 质检单, in the line's unit."""

    id = AutoField()
    line = ForeignKeyField(DocumentLine, unique=True, on_delete="CASCADE", backref="+")
    stage = CharField()
    sample_size = QtyField(default=0)
    accepted = QtyField(default=0)
    rejected = QtyField(default=0)
    concession = QtyField(default=0)  # 让步接收: used although out of specification
    defect_reason = CharField(default="")
    quarantine_warehouse = ForeignKeyField(Warehouse, null=True, on_delete="RESTRICT")


class SupplierQualification(BaseModel):
    """A supplier's qualification document (资质): licence, certificate, ..."""

    id = AutoField()
    partner = ForeignKeyField(Partner, on_delete="CASCADE", backref="+")
    kind = CharField()  # 营业执照, ISO9001 证书, 生产许可证 ...
    number = CharField(default="")
    issuer = CharField(default="")
    valid_from = DateField(null=True)
    valid_to = DateField(null=True)  # None: no expiry
    note = TextField(default="")
    updated_at = DateTimeField(default=now)


MODELS: list = [InspectionPlan, InspectionResult, SupplierQualification]

APPEND_ONLY: list[str] = []
