"""The one place that builds, rounds and formats exact numbers.

Rules (documented once, used everywhere):
- Money is 元 with 2 decimals (fen); quantities have 4 decimals; unit prices and unit
  costs have 6 decimals; percentages (tax rates, scrap rates) have 4 decimals.
- Rounding is half-up (ROUND_HALF_UP), done once where a value is computed, never on
  a sum: a total is the sum of already rounded lines.
- Floats are refused: a float has already lost the exact value the user typed.
- In the database every such number is a scaled integer (fen, 1e-4, 1e-6).
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

MONEY_PLACES = 2
QTY_PLACES = 4
PRICE_PLACES = 6
RATE_PLACES = 4

# digits, at most one decimal point with digits on both sides, an optional leading minus
_PLAIN_DECIMAL = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")
ZERO = Decimal(0)


class NotExactNumber(ValueError):
    """Raised for a float, NaN, infinity, an exponent or text that is no plain decimal."""


def D(value: object) -> Decimal:
    """Builds an exact Decimal from a Decimal, an int or plain decimal text.

    Refuses float (inexact), bool, NaN, infinity and exponent notation.
    """
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise NotExactNumber(str(value))
        return value
    if isinstance(value, bool) or isinstance(value, float):
        raise NotExactNumber(repr(value))
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, str):
        text = value.strip()
        if not _PLAIN_DECIMAL.match(text):
            raise NotExactNumber(value)
        try:
            return Decimal(text)
        except InvalidOperation as exc:  # pragma: no cover - regex guards this
            raise NotExactNumber(value) from exc
    raise NotExactNumber(repr(value))


def quantize(value: Decimal, places: int) -> Decimal:
    """Rounds half-up to a number of decimal places."""
    return D(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def money(value: object) -> Decimal:
    """Rounds to the fen, half-up."""
    return quantize(D(value), MONEY_PLACES)


def qty(value: object) -> Decimal:
    return quantize(D(value), QTY_PLACES)


def price(value: object) -> Decimal:
    return quantize(D(value), PRICE_PLACES)


def places_of(value: Decimal) -> int:
    """How many decimal places a value needs (0 for integers)."""
    exponent = D(value).normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def to_scaled(value: object, places: int) -> int:
    """An exact Decimal as an integer of 10**-places units; refuses values that need rounding."""
    d = D(value)
    scaled = d.scaleb(places)
    if scaled != scaled.to_integral_value():
        raise NotExactNumber(f"{value} has more than {places} decimal places")
    return int(scaled)


def from_scaled(units: int, places: int) -> Decimal:
    return Decimal(int(units)).scaleb(-places).quantize(Decimal(1).scaleb(-places))


def fen(value: object) -> int:
    """Money as integer fen (rounds half-up first)."""
    return to_scaled(money(value), MONEY_PLACES)


def yuan(fen_units: int) -> Decimal:
    return from_scaled(fen_units, MONEY_PLACES)


def mul_div_round(a: int, b: int, divisor: int) -> int:
    """round_half_up(a * b / divisor) on integers, exact for any sign."""
    if divisor == 0:
        raise ZeroDivisionError("divisor is zero")
    num = a * b
    if divisor < 0:
        num, divisor = -num, -divisor
    q, r = divmod(abs(num), divisor)
    if 2 * r >= divisor:
        q += 1
    return q if num >= 0 else -q


def format_money(value: object, places: int = MONEY_PLACES) -> str:
    """'1,234.56' with thousands separators; negative as '-1,234.56'."""
    d = quantize(D(value), places)
    return f"{d:,.{places}f}"


def format_plain(value: object, places: int) -> str:
    """Plain decimal text with a fixed number of places, as in JSON and CSV output."""
    return f"{quantize(D(value), places):.{places}f}"


def format_exact(value: object) -> str:
    """A number as a user would type it: every digit it has, no exponent, no trailing
    zeros ('7.2', '1', '0.0001'); '' for None."""
    if value is None:
        return ""
    text = f"{D(value).normalize():f}"
    return "0" if text in ("-0", "0") else text


def format_qty(value: object) -> str:
    """A quantity without trailing zeros: '12', '0.5', '1.2345'."""
    d = quantize(D(value), QTY_PLACES).normalize()
    text = f"{d:f}"
    return "0" if text in ("-0", "0") else text


_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_SMALL_UNITS = ["", "拾", "佰", "仟"]
_BIG_UNITS = ["", "万", "亿", "万亿"]


def _four_digits_upper(group: str) -> str:
    """'1203' -> 壹仟贰佰零叁; leading zeros inside the group are spoken as one 零."""
    out = []
    zero_pending = False
    n = len(group)
    for i, ch in enumerate(group):
        digit = int(ch)
        unit = _SMALL_UNITS[n - 1 - i]
        if digit == 0:
            zero_pending = bool(out)
            continue
        if zero_pending:
            out.append("零")
            zero_pending = False
        out.append(_DIGITS[digit] + unit)
    return "".join(out)


def rmb_upper(value: object) -> str:
    """人民币大写: 12345.67 -> 壹万贰仟叁佰肆拾伍元陆角柒分; 0 -> 零元整; negative gets 负."""
    amount = money(value)
    if amount < 0:
        return "负" + rmb_upper(-amount)
    units = to_scaled(amount, 2)
    integer, cents = divmod(units, 100)
    jiao, fen_digit = divmod(cents, 10)
    if integer == 0 and cents == 0:
        return "零元整"
    parts = []
    if integer > 0:
        digits = str(integer)
        groups = []
        while digits:
            groups.insert(0, digits[-4:])
            digits = digits[:-4]
        text = ""
        need_zero = False
        for idx, group in enumerate(groups):
            big = _BIG_UNITS[len(groups) - 1 - idx]
            if int(group) == 0:
                need_zero = bool(text)
                continue
            if text and (need_zero or group.startswith("0")):
                text += "零"
            text += _four_digits_upper(group.lstrip("0") or "0") + big
            need_zero = False
        parts.append(text + "元")
    if cents == 0:
        parts.append("整")
    else:
        if jiao:
            parts.append(_DIGITS[jiao] + "角")
        elif integer > 0:
            parts.append("零")
        if fen_digit:
            parts.append(_DIGITS[fen_digit] + "分")
        else:
            parts.append("整")
    return "".join(parts)
