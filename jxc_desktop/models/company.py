"""The company (账套), its settings, periods, users and the audit trail."""

from __future__ import annotations

from peewee import (
    AutoField,
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from jxc_desktop.models.base import BaseModel, now


class Meta(BaseModel):
    """Key/value facts about the database itself (schema version)."""

    key = CharField(primary_key=True)
    value = TextField()


class Company(BaseModel):
    id = AutoField()
    name = CharField()
    taxpayer_type = CharField(default="general")  # general 一般纳税人 / small 小规模纳税人
    currency = CharField(default="CNY")
    fiscal_year_start_month = IntegerField(default=1)
    start_period = CharField()  # YYYY-MM: the first open period
    created_at = DateTimeField(default=now)


class Setting(BaseModel):
    """Company settings by documented key (see engine/settings.py)."""

    key = CharField(primary_key=True)
    value = TextField()


class Period(BaseModel):
    """A monthly accounting period (会计期间)."""

    code = CharField(primary_key=True)  # YYYY-MM
    start = DateField()
    end = DateField()
    closed = BooleanField(default=False)
    closed_at = DateTimeField(null=True)
    closed_by = CharField(null=True)


class User(BaseModel):
    id = AutoField()
    username = CharField(unique=True)
    display_name = CharField()
    is_admin = BooleanField(default=False)
    active = BooleanField(default=True)
    created_at = DateTimeField(default=now)


class AuditLog(BaseModel):
    """Who did what, for every engine action that writes."""

    id = AutoField()
    at = DateTimeField(default=now)
    user = ForeignKeyField(User, null=True, on_delete="SET NULL")
    username = CharField()
    action = CharField()
    target = CharField(default="")
    detail = TextField(default="")
