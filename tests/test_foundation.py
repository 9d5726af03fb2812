import subprocess
import sys
from decimal import Decimal

import pytest

from jxc_desktop.engine import settings
from jxc_desktop.engine.errors import JxcError, SchemaError
from jxc_desktop.models.accounting import Account
from jxc_desktop.models.company import AuditLog, Meta
from jxc_desktop.models.masterdata import Item, Unit


def test_engine_does_not_load_qt():
    code = (
        "import sys, jxc_desktop.engine.documents, jxc_desktop.engine.checks, "
        "jxc_desktop.cli; print('PySide6' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_new_company_has_chart_of_accounts(company):
    codes = {a.code for a in Account.select()}
    for code in ("1001", "1122", "1405", "2202", "2221", "3103", "4001", "5001", "5401", "5801"):
        assert code in codes
    vat_in = Account.get(Account.code == "22210101")
    assert vat_in.name == "进项税额" and vat_in.level == 3 and vat_in.parent.code == "222101"
    assert Account.get(Account.code == "1602").direction == "贷"
    assert Account.get(Account.code == "1122").aux_partner


def test_exact_fields_refuse_float(company):
    unit = Unit.get(Unit.name == "个")
    with pytest.raises(TypeError):
        Item.create(code="X", name="x", base_unit=unit, sale_price=1.1)
    item = Item.create(code="Y", name="y", base_unit=unit, sale_price=Decimal("0.123456"))
    assert Item.get_by_id(item.id).sale_price == Decimal("0.123456")


def test_settings_round_trip_and_validation(company):
    assert settings.get("negative_stock") == "refuse"
    settings.set_value("negative_stock", "allow")
    assert settings.get("negative_stock") == "allow"
    with pytest.raises(JxcError):
        settings.set_value("negative_stock", "maybe")
    with pytest.raises(JxcError):
        settings.get("no_such_key")
    assert AuditLog.select().where(AuditLog.action == "config.set").count() == 1


def test_newer_database_is_refused(company):
    from jxc_desktop.engine.session import close_company, open_company

    Meta.update(value="999").where(Meta.key == "schema_version").execute()
    close_company()
    with pytest.raises(SchemaError) as info:
        open_company(company)
    assert "999" in str(info.value)


def test_ledger_tables_are_append_only(company):
    import datetime as dt

    from jxc_desktop.models.db import database
    from jxc_desktop.models.documents import Document
    from jxc_desktop.models.masterdata import Warehouse
    from jxc_desktop.models.stock import StockMove

    unit = Unit.get(Unit.name == "个")
    item = Item.create(code="A", name="a", base_unit=unit)
    wh = Warehouse.create(code="W", name="w")
    doc = Document.create(doc_type="QTRK", number="QTRK20260101-0001", date=dt.date(2026, 1, 1))
    StockMove.create(
        document=doc, date=doc.date, month="2026-01", item=item, warehouse=wh, qty=1, value=1
    )
    for sql in ("DELETE FROM stock_move", "UPDATE stock_move SET qty = 2"):
        with pytest.raises(Exception, match="append-only"):
            database.obj.execute_sql(sql)
    assert StockMove.select().count() == 1


def test_document_hooks_run_in_the_approval(company):
    import datetime as dt

    from jxc_desktop.engine import documents
    from jxc_desktop.engine.documents import DocumentInput, LineInput
    from jxc_desktop.engine.errors import Problem, ValidationError
    from jxc_desktop.models.masterdata import Warehouse

    unit = Unit.get(Unit.name == "个")
    Item.create(code="H", name="h", base_unit=unit)
    Warehouse.create(code="W", name="w")
    seen = []

    def refuse_big(doc):
        return [Problem("too big")] if doc.remarks == "big" else []

    def after(doc, result):
        seen.append((doc.number, type(result).__name__))
        return ["hook ran"]

    documents.on_validate(refuse_big)
    documents.on_approve(after)
    try:
        d = documents.save_draft(
            DocumentInput(
                "QTRK",
                dt.date(2026, 1, 2),
                [LineInput(item="H", qty="1", price="1")],
                warehouse="W",
                remarks="big",
            )
        )
        with pytest.raises(ValidationError):
            documents.approve(d.id)
        assert documents.get_document(d.id).status == "draft" and not seen
        from jxc_desktop.models.documents import Document

        Document.update(remarks="").where(Document.id == d.id).execute()
        result = documents.approve(d.id)
        assert seen == [(d.number, "PostResult")] and "hook ran" in result.messages
    finally:
        documents._VALIDATORS.remove(refuse_big)
        documents._AFTER_APPROVE.remove(after)
