from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jxc_desktop.engine import money


def test_refuses_float_nan_exponent():
    for bad in (
        1.5,
        float("nan"),
        "1e3",
        "NaN",
        "inf",
        "1.2.3",
        "",
        True,
        "1,000",
        "+1",
        ".5",
        "1.",
        "１",
        "--1",
    ):
        with pytest.raises(money.NotExactNumber):
            money.D(bad)


def test_half_up_rounding():
    assert money.money("2.345") == Decimal("2.35")
    assert money.money("-2.345") == Decimal("-2.35")
    assert money.money("2.344") == Decimal("2.34")
    assert money.qty("0.00005") == Decimal("0.0001")


def test_format_money():
    assert money.format_money(Decimal("1234.5")) == "1,234.50"
    assert money.format_money(Decimal("-1234567.891")) == "-1,234,567.89"
    assert money.format_money(0) == "0.00"


@pytest.mark.parametrize(
    "amount,text",
    [
        ("12345.67", "壹万贰仟叁佰肆拾伍元陆角柒分"),
        ("0", "零元整"),
        ("0.05", "伍分"),
        ("100", "壹佰元整"),
        ("1005.50", "壹仟零伍元伍角整"),
        ("100000000", "壹亿元整"),
        ("10010.01", "壹万零壹拾元零壹分"),
        ("1000001", "壹佰万零壹元整"),
        ("-3.10", "负叁元壹角整"),
    ],
)
def test_rmb_upper(amount, text):
    assert money.rmb_upper(amount) == text


@given(st.decimals(min_value=-(10**12), max_value=10**12, places=2, allow_nan=False))
def test_scaled_round_trip(value):
    assert money.from_scaled(money.to_scaled(value, 2), 2) == value


@given(st.integers(-(10**15), 10**15), st.integers(-(10**9), 10**9), st.integers(1, 10**9))
def test_mul_div_round_matches_decimal(a, b, d):
    exact = Decimal(a) * Decimal(b) / Decimal(d)
    expected = int(exact.quantize(Decimal(1), rounding="ROUND_HALF_UP"))
    from decimal import localcontext

    with localcontext() as ctx:
        ctx.prec = 60
        exact = Decimal(a) * Decimal(b) / Decimal(d)
        expected = int(exact.quantize(Decimal(1), rounding="ROUND_HALF_UP"))
    assert money.mul_div_round(a, b, d) == expected


@given(st.lists(st.decimals(min_value=0, max_value=10**6, places=4), min_size=1, max_size=20))
def test_total_is_sum_of_rounded_lines(qtys):
    lines = [money.money(q * Decimal("3.333333")) for q in qtys]
    assert sum(lines) == money.money(sum(lines))


def test_to_scaled_refuses_rounding():
    with pytest.raises(money.NotExactNumber):
        money.to_scaled(Decimal("1.005"), 2)


def test_format_exact_writes_numbers_as_typed():
    assert money.format_exact(Decimal("7.200000")) == "7.2"
    assert money.format_exact(Decimal("1.000000")) == "1"
    assert money.format_exact(Decimal("0.00010")) == "0.0001"
    assert money.format_exact(Decimal("-0.00")) == "0"
    assert money.format_exact(Decimal("1E+2")) == "100"
    assert money.format_exact(None) == ""
