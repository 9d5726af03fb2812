"""The documents list: paging, type / status / date / warehouse filters, number search."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jxc_desktop.engine import (
    documents,
    listing,
    listing_documents,  # noqa: F401 - registers "documents"
)
from jxc_desktop.engine.errors import JxcError
from jxc_desktop.engine.i18n import set_language
from tests.inventory_helpers import day, doc, make_item, make_warehouse


@pytest.fixture
def docs(company):
    make_item("A")
    make_warehouse("W1")
    make_warehouse("W2")
    for n in range(1, 13):
        doc("QTRK", day(n), [("A", 10, "2.5")], approve=n % 3 != 0)
    doc("QTCK", day(20), [("A", 1)])
    doc("DBD", day(21), [("A", 2)], dest="W2")
    voided = doc("QTRK", day(22), [("A", 1, "1")], approve=False)
    documents.void(voided.id)
    return company


def test_count_and_pages_cover_every_document_once(docs):
    assert listing.count("documents") == 15
    seen = []
    for offset in range(0, 15, 4):
        seen += [r["number"] for r in listing.page("documents", offset, 4)]
    assert len(seen) == 15 and len(set(seen)) == 15
    assert seen == sorted(seen)


def test_row_has_labels_totals_and_people(docs):
    row = listing.page("documents", 0, 1, "date", filters={"doc_type": "QTRK"})[0]
    assert row["number"] == "QTRK20260101-0001"
    assert row["status"] == "approved" and row["doc_type"] == "QTRK"
    assert row["total"] == Decimal("25.00")
    assert row["warehouse"] == "仓库W1"
    assert row["maker"] and row["approver"]
    spec = listing.get_spec("documents")
    assert spec.column("doc_type").display("QTRK") == "其他入库"
    set_language("en")
    assert spec.column("status").display("approved") == "Approved"


def test_filters_by_type_status_dates_and_warehouse(docs):
    def n(**filters):
        return listing.count("documents", "", filters)

    assert n(doc_type="QTRK") == 13
    assert n(doc_types="QTCK,DBD") == 2
    assert n(doc_types=["QTRK", "QTCK"]) == 14
    assert n(status="draft") == 4
    assert n(status="void") == 1
    assert n(doc_type="QTRK", status="approved") == 8
    assert n(date_from="2026-01-05", date_to=day(10)) == 6
    assert n(warehouse="W2") == 1  # the transfer into W2
    assert n(warehouse="W1") == 15
    with pytest.raises(JxcError):
        n(doc_type="NOPE")
    with pytest.raises(JxcError):
        n(date_from="yesterday")


def test_search_by_number_prefix_and_external_number(docs):
    d = documents.get_document(listing.page("documents", 0, 1)[0]["id"])
    d.external_number = "TB-778812"
    d.save()
    assert listing.count("documents", "QTCK") == 1
    assert listing.count("documents", "QTRK2026010") == 9
    assert [r["number"] for r in listing.page("documents", 0, 5, search="778812")] == [d.number]


def test_sorting_by_date_descending_pages_without_overlap(docs):
    first = listing.page("documents", 0, 8, "date", descending=True)
    rest = listing.page("documents", 8, 8, "date", descending=True)
    dates = [r["date"] for r in first + rest]
    assert dates == sorted(dates, reverse=True) and len(dates) == 15
