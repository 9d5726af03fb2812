"""Validation problems in message boxes name the field in words, never its code."""

from jxc_desktop.engine.errors import Problem
from jxc_desktop.ui import messages


def test_field_codes_become_words_or_nothing(qtbot):
    assert messages.problem_text(Problem("库存不足：商品 A", "qty")) == "数量：库存不足：商品 A"
    assert messages.problem_text(Problem("请选择仓库", "warehouse")) == "仓库：请选择仓库"
    assert messages.problem_text(Problem("不对", "some_internal_code")) == "不对"
    assert messages.problem_text(Problem("不对", "lines[2].qty")) == "不对"
    assert messages.problem_text(Problem("单价不对", "第 3 行")) == "第 3 行：单价不对"
    assert messages.problem_text(Problem("空", row=4, column="数量")) == "第 4 行, 数量 列：空"


def test_problem_box_shows_the_words(qtbot):
    box = messages.problems(None, [Problem("库存不足：商品 SA-SEAT 座垫总成", "qty")])
    assert "• 数量：库存不足" in box.text() and "qty" not in box.text()
    box.done(0)
