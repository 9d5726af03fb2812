"""The chart of accounts (会计科目)."""

from __future__ import annotations

from peewee import AutoField, BooleanField, CharField, ForeignKeyField, IntegerField

from jxc_desktop.models.base import BaseModel

ACCOUNT_CATEGORIES = ("资产", "负债", "所有者权益", "成本", "损益")


class Account(BaseModel):
    id = AutoField()
    code = CharField(unique=True)
    name = CharField()
    category = CharField()  # 资产 / 负债 / 所有者权益 / 成本 / 损益
    direction = CharField()  # 借 / 贷
    level = IntegerField(default=1)
    parent = ForeignKeyField("self", null=True, backref="children", on_delete="RESTRICT")
    aux_partner = BooleanField(default=False)
    aux_department = BooleanField(default=False)
    aux_item = BooleanField(default=False)
    active = BooleanField(default=True)
