"""Serial numbers: one per unit, no duplicates in stock, traceable, reversible."""

import pytest
from inventory_helpers import day, doc, make_item, make_warehouse

from jxc_desktop.engine import documents
from jxc_desktop.engine.checks import run_all
from jxc_desktop.engine.documents import LineInput
from jxc_desktop.engine.errors import JxcError, ValidationError
from jxc_desktop.engine.reports import ReportParams, load_all
from jxc_desktop.models.stock import SerialNumber


@pytest.fixture
def phones(company):
    make_warehouse("W1")
    make_warehouse("W2")
    make_item("PH", serial_managed=True)
    return company


def line(qty, *serials):
    return LineInput(item="PH", qty=str(qty), price="1000", serials=list(serials))


def test_receive_transfer_issue_and_trace(phones):
    doc("QTRK", day(1), [line(2, "SN1", "SN2")])
    doc("DBD", day(2), [LineInput(item="PH", qty="1", serials=["SN1"])], dest="W2")
    doc("QTCK", day(3), [LineInput(item="PH", qty="1", serials=["SN1"])], warehouse="W2")
    sn1 = SerialNumber.get(SerialNumber.serial == "SN1")
    assert not sn1.in_stock
    assert SerialNumber.get(SerialNumber.serial == "SN2").in_stock
    trace = load_all()["serial-trace"].run(ReportParams(item="PH", extra={"serial": "SN1"}))
    assert [(r["type"], r["direction"]) for r in trace] == [
        ("QTRK", 1),
        ("DBD", -1),
        ("DBD", 1),
        ("QTCK", -1),
    ]
    assert run_all() == []


def test_refusals(phones):
    with pytest.raises(ValidationError):  # two units, one serial
        doc("QTRK", day(1), [line(2, "SN1")])
    doc("QTRK", day(1), [line(1, "SN1")])
    with pytest.raises(ValidationError):  # already in stock
        doc("QTRK", day(2), [line(1, "SN1")])
    with pytest.raises(ValidationError):  # not in stock
        doc("QTCK", day(2), [LineInput(item="PH", qty="1", serials=["SN9"])])
    with pytest.raises(ValidationError):  # repeated on the line
        doc("QTRK", day(2), [line(2, "SN5", "SN5")])


def test_unapprove_restores_and_respects_later_documents(phones):
    receipt = doc("QTRK", day(1), [line(1, "SN1")])
    issue = doc("QTCK", day(2), [LineInput(item="PH", qty="1", serials=["SN1"])])
    with pytest.raises(JxcError):
        documents.unapprove(receipt.id)
    documents.unapprove(issue.id)
    assert SerialNumber.get(SerialNumber.serial == "SN1").in_stock
    documents.unapprove(receipt.id)
    assert not SerialNumber.get(SerialNumber.serial == "SN1").in_stock
    documents.approve(receipt.id)
    documents.approve(issue.id)
    assert run_all() == []
