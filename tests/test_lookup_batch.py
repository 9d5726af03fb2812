"""Items looked up in bulk for a document: by code or barcode, exactly as one by one."""

import pytest
from inventory_helpers import day, make_item, make_warehouse

from jxc_desktop.engine import documents, lookup
from jxc_desktop.engine.documents import DocumentInput, LineInput
from jxc_desktop.engine.errors import ValidationError
from jxc_desktop.models.masterdata import ItemBarcode


def test_items_by_code_reads_codes_then_barcodes(company):
    a, b = make_item("A"), make_item("B")
    ItemBarcode.create(item=b, barcode="6901234567892")
    found = lookup.items_by_code(["A", " 6901234567892 ", "NOPE", "", "A"])
    assert found == {"A": a, "6901234567892": b}
    for code in ("A", "6901234567892", "NOPE"):
        assert lookup.item_by_code(code) == found.get(code)


def test_a_document_names_its_items_by_code_or_barcode(company):
    make_warehouse("W1")
    make_item("A")
    b = make_item("B")
    ItemBarcode.create(item=b, barcode="6901234567892")
    lines = [LineInput(item="A", qty="1", price="1"), LineInput(item="6901234567892", qty="2")]
    doc = documents.save_draft(DocumentInput("QTRK", day(1), lines, warehouse="W1"))
    assert [(x.item.code, x.qty) for x in doc.lines] == [("A", 1), ("B", 2)]
    bad = DocumentInput("QTRK", day(1), [LineInput(item="ZZZ", qty="1")], warehouse="W1")
    with pytest.raises(ValidationError) as refused:
        documents.save_draft(bad)
    assert "ZZZ" in refused.value.problems[0].message  # named, as one by one did
