"""Exact number fields: Decimals in Python, scaled integers in the database.

peewee's DecimalField stores REAL on SQLite, which is not exact, so it is never used.
These fields refuse floats outright and refuse values that would need rounding: the
engine rounds explicitly (jxc_desktop.engine.money) before it stores anything.
"""

from __future__ import annotations

from decimal import Decimal

from peewee import BigIntegerField

from jxc_desktop.engine import money


class ScaledDecimalField(BigIntegerField):
    """A Decimal with a fixed number of places, stored as an integer of 10**-places units."""

    places = 0

    def db_value(self, value):
        if value is None:
            return None
        if isinstance(value, float):
            raise TypeError(f"{self.name}: float is not exact; pass a Decimal, int or text")
        return money.to_scaled(value, self.places)

    def python_value(self, value):
        if value is None:
            return None
        return money.from_scaled(int(value), self.places)


class MoneyField(ScaledDecimalField):
    """元 to the fen, stored as integer fen."""

    places = money.MONEY_PLACES


class QtyField(ScaledDecimalField):
    """A quantity, stored as an integer of 1e-4 units."""

    places = money.QTY_PLACES


class PriceField(ScaledDecimalField):
    """A unit price or unit cost, stored as an integer of 1e-6 yuan."""

    places = money.PRICE_PLACES


class RateField(ScaledDecimalField):
    """A percentage or factor (tax rate 13 = 13%, conversion factor), 1e-4 units."""

    places = money.RATE_PLACES


class FactorField(ScaledDecimalField):
    """A unit conversion factor (base units in one unit), 1e-6 units."""

    places = 6


ZERO = Decimal(0)
