"""A 产品入库 may not take a work order past its ordered quantity unless the company
allows it (`over_completion`); by-products and other orders' lines are not counted."""

import datetime as dt

import pytest
from inventory_helpers import doc
from production_helpers import fg_work_order, item

from jxc_desktop.engine import documents, settings
from jxc_desktop.engine.documents import LineInput
from jxc_desktop.engine.errors import ValidationError
from jxc_desktop.engine.production.workorders import find_work_order, view


def _receive(number, qty, approve=True, code="FG"):
    line = LineInput(item=code, qty=str(qty), cost_object=number)
    return doc("CPRK", dt.date(2026, 1, 10), [line], approve=approve)


def test_receipts_stop_at_the_ordered_quantity(company):
    number = fg_work_order(qty="5")
    doc("SCLL", dt.date(2026, 1, 6), [LineInput(item="RM1", qty="10", cost_object=number)])
    _receive(number, 3)
    draft = _receive(number, 3, approve=False)
    with pytest.raises(ValidationError) as refused:
        documents.approve(draft.id)
    text = str(refused.value)
    assert number in text and "订购 5" in text and "已完工 3" in text and "再入库 3" in text
    assert documents.get_document(draft.id).status == "draft"
    _receive(number, 2)  # exactly the rest
    order = view(find_work_order(number))
    assert (order.completed_qty, order.status) == (5, "completed")


def test_the_company_may_allow_it_and_by_products_do_not_count(company):
    number = fg_work_order(qty="5")
    item("BY")
    lines = [
        LineInput(item="FG", qty="5", cost_object=number),
        LineInput(item="BY", qty="9", cost_object=number),  # a by-product of the order
    ]
    doc("CPRK", dt.date(2026, 1, 10), lines)
    settings.set_value("over_completion", "allow")
    _receive(number, 1)
    assert view(find_work_order(number)).completed_qty == 6
