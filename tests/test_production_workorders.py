"""新建生产订单 from the engine: saved and released at once, every problem reported."""

import datetime as dt
from decimal import Decimal

import pytest
from inventory_helpers import make_warehouse
from production_helpers import item

from jxc_desktop.engine.errors import ValidationError
from jxc_desktop.engine.i18n import set_language
from jxc_desktop.engine.production.workorders import (
    create_work_order,
    find_work_order,
    status_label,
    work_orders,
)
from jxc_desktop.models.documents import Document

D = dt.date


def test_create_work_order_is_released(company):
    make_warehouse("W1")
    item("FG", "make")
    number = create_work_order("FG", "12.5", D(2026, 3, 10), "W1", date=D(2026, 3, 1))
    doc = find_work_order(number)
    assert number.startswith("SCDD20260301-")
    assert (doc.status, doc.warehouse.code, doc.date) == ("approved", "W1", D(2026, 3, 1))
    line = doc.lines[0]
    assert (line.item.code, line.qty, line.due_date) == ("FG", Decimal("12.5"), D(2026, 3, 10))
    [view] = work_orders()
    assert (view.number, view.status, view.planned_qty) == (number, "released", Decimal("12.5"))


def test_create_work_order_reports_every_problem(company):
    with pytest.raises(ValidationError) as err:
        create_work_order("", "-1", D(2026, 2, 1), date=D(2026, 3, 1))
    assert {p.field for p in err.value.problems} == {"item", "qty", "due_date"}
    with pytest.raises(ValidationError):
        create_work_order("NOPE", "1", D(2026, 3, 1), date=D(2026, 3, 1))
    assert Document.select().count() == 0


def test_status_labels_in_both_languages():
    assert [status_label(s) for s in ("planned", "released", "in_progress")] == [
        "计划",
        "已下达",
        "生产中",
    ]
    assert [status_label(s) for s in ("completed", "closed")] == ["已完工", "已关闭"]
    set_language("en")
    try:
        assert status_label("in_progress") == "In progress"
    finally:
        set_language("zh_CN")
