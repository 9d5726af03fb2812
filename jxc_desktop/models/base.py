"""The model base class, bound to the adapter's database proxy."""

from __future__ import annotations

import datetime as dt

from peewee import Model

from jxc_desktop.models.db import database


def now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


class BaseModel(Model):
    class Meta:
        database = database
        legacy_table_names = False
