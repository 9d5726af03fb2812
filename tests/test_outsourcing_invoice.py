"""委外加工费发票: the subcontractor's fee invoice (a CGFP naming 委外入库 WWRK lines),
under both ar_ap_basis settings — open items, vouchers, un-approval, payment."""

from __future__ import annotations

from decimal import Decimal

import pytest
from finance_helpers import lines_of, voucher_of
from inventory_helpers import day, make_item, make_warehouse
from production_helpers import bom

from jxc_desktop.engine import checks, documents, settings
from jxc_desktop.engine.documents import DocumentInput, LineInput
from jxc_desktop.engine.errors import JxcError, StateError, ValidationError
from jxc_desktop.engine.money import yuan
from jxc_desktop.engine.production import outsourcing_actions as oa
from jxc_desktop.engine.reports import ReportParams, load_all
from jxc_desktop.engine.trade import generate, invoices, openitems
from jxc_desktop.models.db import execute
from jxc_desktop.models.documents import DocumentLine
from jxc_desktop.models.masterdata import Partner


def _doc(doc_type, date, lines, partner="S1", warehouse="W1", approve=True):
    d = documents.save_draft(
        DocumentInput(doc_type, date, lines, partner=partner, warehouse=warehouse)
    )
    if approve:
        documents.approve(d.id)
    return d


def _line(code, qty, source=None, price=None, tax="13"):
    return LineInput(item=code, qty=str(qty), price=price, tax_rate=tax, source_line=source)


def _first_line(doc):
    return DocumentLine.get(DocumentLine.document == doc)


@pytest.fixture
def shop(company):
    """Order 20 P from S1; materials for all 20 sent; 10 received at a fee of 5 + 13 %."""
    make_warehouse("W1")
    make_item("M1", item_type="material")
    make_item("P")
    Partner.create(kind="supplier", code="S1", name="加工厂一")
    Partner.create(kind="supplier", code="S2", name="加工厂二")
    bom("P", ("M1", 2))
    _doc("QCKC", day(1), [_line("M1", 100, price="10")], None)
    order = _first_line(_doc("WWDD", day(2), [_line("P", 20, price="5")]))
    _doc("WWFL", day(3), [_line("M1", 40, order)])
    return order


def _receive(order, qty=10, fee="5"):
    return _doc("WWRK", day(5), [_line("P", qty, order, price=fee)])


def _invoice(receipt, qty, price, date=6, partner="S1", item="P", approve=True):
    line = _line(item, qty, _first_line(receipt), price=price)
    return _doc("CGFP", day(date), [line], partner=partner, warehouse=None, approve=approve)


def _payable(code="S1") -> Decimal:
    return yuan(openitems.balance(Partner.get(Partner.code == code).id, "payable"))


def _accrual() -> Decimal:
    """2202 lines without a partner: 应付暂估 (credit balance positive)."""
    (fen,) = execute(
        "SELECT COALESCE(SUM(l.credit) - SUM(l.debit), 0) FROM voucher_line l "
        "JOIN account a ON a.id = l.account_id WHERE a.code = '2202' AND l.partner_id IS NULL"
    ).fetchone()
    return yuan(fen)


def _report(order) -> dict:
    rows = load_all()["outsourcing-reconciliation"].run(ReportParams())
    return next(r for r in rows if r["kind"] == "product" and r["order"] == order.document.number)


def _pay(amount, date=9):
    line = LineInput(amount=str(amount), account="1002")
    return _doc("FKD", day(date), [line], warehouse=None)


def test_delivery_basis_full_invoice_then_payment(shop):
    receipt = _receive(shop)
    assert _payable() == Decimal("56.50")
    number = oa.invoice_fee(shop.document.number, day(6), approve=True)
    invoice = documents.find_document(number)
    line = _first_line(invoice)
    assert (line.source_line_id, line.qty, line.price, line.total) == (
        _first_line(receipt).id,
        Decimal("10"),
        Decimal("5"),
        Decimal("56.50"),
    )
    assert _payable() == Decimal("56.50")  # recorded, not a second payable
    row = _report(shop)
    assert (row["invoiced_qty"], row["invoiced"], row["uninvoiced_qty"], row["uninvoiced"]) == (
        Decimal("10"),
        Decimal("56.50"),
        Decimal("0"),
        Decimal("0.00"),
    )
    with pytest.raises(JxcError):  # nothing left to invoice
        oa.invoice_fee(shop.document.number)
    # 付款单 for the invoice (生成下游单据): it settles the receipt's fee payable
    payment = generate.invoice_to_money(invoice.id, day(9), save=True)
    assert payment.total_amount == Decimal("56.50")
    documents.approve(payment.id)
    assert _payable() == 0
    assert _report(shop)["paid"] == Decimal("56.50")
    assert checks.run_all() == []


def test_delivery_basis_partial_at_another_price(shop):
    receipt = _receive(shop)
    # 4 invoiced at 6 instead of 5: 27.12 against 22.60 received, the difference is payable
    invoice = _invoice(receipt, 4, "6")
    assert lines_of(voucher_of(invoice)) == {
        ("5401", "4.00", "0.00", ""),
        ("22210101", "0.52", "0.00", ""),
        ("2202", "0.00", "4.52", "S1"),
    }
    assert _payable() == Decimal("61.02")
    row = _report(shop)
    assert (row["invoiced_qty"], row["uninvoiced_qty"], row["uninvoiced"]) == (
        Decimal("4"),
        Decimal("6"),
        Decimal("33.90"),
    )
    with pytest.raises(ValidationError, match="开票数量超出"):
        _invoice(receipt, 7, "5", date=7)
    with pytest.raises(StateError):  # the receipt is invoiced: un-approve the invoice first
        documents.unapprove(receipt.id)
    assert checks.run_all() == []
    documents.unapprove(invoice.id)
    assert _payable() == Decimal("56.50")
    assert _report(shop)["uninvoiced_qty"] == Decimal("10")
    assert checks.run_all() == []


def test_invoice_basis_receipt_accrues_and_the_invoice_makes_the_payable(shop):
    settings.set_value("ar_ap_basis", "invoice")
    receipt = _receive(shop)
    assert _payable() == 0
    fee = [v for v in receipt.vouchers if "委外加工费" in v.summary]
    assert lines_of(fee[0]) == {("1408", "50.00", "0.00", ""), ("2202", "0.00", "50.00", "")}
    assert _accrual() == Decimal("50.00")
    first = _invoice(receipt, 4, "6")  # 24.00 + 3.12 for 20.00 accrued: 4.00 difference
    assert lines_of(voucher_of(first)) == {
        ("2202", "0.00", "27.12", "S1"),
        ("2202", "20.00", "0.00", ""),
        ("22210101", "3.12", "0.00", ""),
        ("5401", "4.00", "0.00", ""),
    }
    assert (_payable(), _accrual()) == (Decimal("27.12"), Decimal("30.00"))
    _invoice(receipt, 6, "5", date=7)
    assert (_payable(), _accrual()) == (Decimal("61.02"), Decimal("0.00"))
    assert checks.run_all() == []
    documents.unapprove(first.id)  # exact reverse, whatever the other invoice did
    assert (_payable(), _accrual()) == (Decimal("33.90"), Decimal("20.00"))
    # paid from the receipt: the payable is its invoice's
    payment = generate.invoice_to_money(receipt.id, day(9), save=True)
    assert payment.total_amount == Decimal("33.90")
    documents.approve(payment.id)
    assert _payable() == 0
    row = _report(shop)
    assert (row["invoiced"], row["uninvoiced"], row["paid"]) == (
        Decimal("33.90"),
        Decimal("22.60"),
        Decimal("33.90"),
    )
    assert checks.run_all() == []


def test_invoice_basis_accrual_clears_to_the_fen(shop):
    settings.set_value("ar_ap_basis", "invoice")
    receipt = _receive(shop, qty=3, fee="3.33")  # 9.99 accrued over 3 units
    for n in range(3):
        _invoice(receipt, 1, "3.33", date=6 + n)
    assert _accrual() == Decimal("0.00")
    assert _payable() == Decimal("11.28")  # 3 × 3.76
    _pay("11.28")  # a 付款单 naming nothing settles the oldest first
    assert _payable() == 0
    assert checks.run_all() == []


def test_unapproving_the_receipt_after_a_basis_change_is_exact(shop):
    settings.set_value("ar_ap_basis", "invoice")
    receipt = _receive(shop)
    settings.set_value("ar_ap_basis", "delivery")
    documents.unapprove(receipt.id)
    assert (_payable(), _accrual()) == (Decimal("0"), Decimal("0.00"))
    assert checks.run_all() == []


def test_fee_invoice_is_refused_when_it_does_not_fit(shop):
    receipt = _receive(shop)
    with pytest.raises(ValidationError, match="往来单位"):
        _invoice(receipt, 1, "5", partner="S2")
    with pytest.raises(ValidationError, match="产品"):
        _invoice(receipt, 1, "5", item="M1")
    free = _receive(shop, qty=2, fee="0")
    with pytest.raises(ValidationError, match="没有加工费"):
        _invoice(free, 1, "5")
    usd = documents.save_draft(
        DocumentInput(
            "CGFP",
            day(6),
            [_line("P", 1, _first_line(receipt), price="1")],
            partner="S1",
            currency="USD",
            exchange_rate="7.1",
        )
    )
    with pytest.raises(ValidationError, match="币种"):
        documents.approve(usd.id)


def test_generator_makes_the_invoice_from_the_receipt(shop):
    receipt = _receive(shop)
    _invoice(receipt, 4, "5")
    data = generate.delivery_to_invoice(receipt.id)
    assert data.doc_type == "CGFP"
    assert [(x.qty, x.price, x.source_line.id) for x in data.lines] == [
        (Decimal("6"), Decimal("5"), _first_line(receipt).id)
    ]
    draft = oa.invoice_fee(shop.document.number)
    assert documents.find_document(draft).status == "draft"
    rows = {o.number: o for o in oa.open_orders()}
    assert rows[shop.document.number].invoiced == Decimal("4")
    assert rows[shop.document.number].uninvoiced_fee == Decimal("33.90")  # 6 × 5.65
    free = _receive(shop, qty=1, fee="0")  # nothing to invoice on it
    states = invoices.invoicing_states([receipt.id, free.id])
    assert states == {receipt.id: "partial"}
    s1 = Partner.get(Partner.code == "S1").id
    left = invoices.uninvoiced_documents("CGFP", s1)
    assert [(r["number"], r["qty"], r["total"]) for r in left] == [
        (receipt.number, Decimal("6"), Decimal("33.90"))
    ]
    documents.approve(documents.find_document(draft).id)
    assert invoices.invoicing_states([receipt.id]) == {receipt.id: "done"}


@pytest.mark.parametrize("basis", ["delivery", "invoice"])
def test_fee_invoice_through_import_documents(company, shop, tmp_path, capsys, basis):
    from production_helpers import write_csv

    from jxc_desktop.cli import main

    settings.set_value("ar_ap_basis", basis)
    head = ["单据类型", "单据编号", "日期", "往来单位", "仓库", "商品编码", "数量", "单价"]
    head += ["税率", "源单编号"]
    rows = [
        ["WWRK", "R-1", "2026-02-03", "S1", "W1", "P", "5", "6", "13", shop.document.number],
        ["CGFP", "F-1", "2026-02-04", "S1", "", "P", "5", "6", "13", "R-1"],
    ]
    path = write_csv(tmp_path / "fee.csv", head, rows)
    args = ["--db", str(company), "import", "documents", str(path), "--approve"]
    assert main(args) == 0, capsys.readouterr().err
    receipt, invoice = documents.find_document("R-1"), documents.find_document("F-1")
    assert _first_line(invoice).source_line_id == _first_line(receipt).id
    assert (_payable(), _accrual()) == (Decimal("33.90"), Decimal("0.00"))
    assert _report(shop)["uninvoiced_qty"] == Decimal("0")
    assert checks.run_all() == []


def test_demo_invoices_part_of_the_fee(company):
    import datetime as dt

    from jxc_desktop.engine.demo_production import build_production_demo
    from jxc_desktop.engine.production.outsourcing_demo import build_fee_invoice_demo

    numbers = build_production_demo(dt.date(2026, 1, 1), dt.date(2026, 1, 10))
    invoice = documents.find_document(build_fee_invoice_demo(dt.date(2026, 1, 1)))
    assert invoice.status == "approved"
    order = _first_line(documents.find_document(numbers[-3]))
    row = _report(order)
    assert (row["invoiced_qty"], row["uninvoiced_qty"], row["uninvoiced"]) == (
        Decimal("4"),
        Decimal("2"),
        Decimal("33.90"),
    )
    assert checks.run_all() == []


def test_approve_again_after_a_basis_change_reverses_only_what_was_booked(shop):
    from jxc_desktop.models.finance import Voucher

    settings.set_value("ar_ap_basis", "invoice")
    receipt = _receive(shop)
    invoice = _invoice(receipt, 10, "5")
    documents.unapprove(invoice.id)
    documents.unapprove(receipt.id)
    settings.set_value("ar_ap_basis", "delivery")
    documents.approve(receipt.id)
    documents.approve(invoice.id)  # at the receipt's price: no voucher of its own
    assert (_payable(), _accrual()) == (Decimal("56.50"), Decimal("0.00"))
    documents.unapprove(invoice.id)
    documents.unapprove(receipt.id)
    assert (_payable(), _accrual()) == (Decimal("0"), Decimal("0.00"))
    for doc in (receipt, invoice):
        originals = Voucher.select().where((Voucher.source == doc) & (Voucher.kind == "document"))
        for original in originals:
            reversed_ = Voucher.select().where(Voucher.reversal_of == original).count()
            assert reversed_ == 1, original.summary
    assert checks.run_all() == []


def test_check_compares_1408_with_the_materials_at_the_subcontractor(shop):
    from jxc_desktop.models.finance import Voucher, VoucherLine

    settings.set_value("ar_ap_basis", "invoice")
    receipt = _receive(shop)
    _invoice(receipt, 10, "5.5")
    assert checks.run_all() == []
    fee = Voucher.get((Voucher.source == receipt) & Voucher.summary.contains("委外加工费"))
    line = VoucherLine.get((VoucherLine.voucher == fee) & (VoucherLine.debit > 0))
    VoucherLine.update(debit=line.debit + 1).where(VoucherLine.id == line.id).execute()
    assert "outsourcing_account" in [name for name, _v in checks.run_all()]


def test_small_scale_taxpayer_accrues_and_clears_the_gross_fee(shop):
    from jxc_desktop.models.company import Company

    Company.update(taxpayer_type="small").execute()
    settings.set_value("ar_ap_basis", "invoice")
    receipt = _doc("WWRK", day(5), [_line("P", 10, shop, price="5", tax="3")])
    assert _accrual() == Decimal("51.50")  # 50.00 + 1.50: no input VAT to deduct
    fee = _line("P", 10, _first_line(receipt), price="5.1", tax="3")
    invoice = _doc("CGFP", day(6), [fee], warehouse=None)  # 52.53 against 51.50 accrued
    assert lines_of(voucher_of(invoice)) == {
        ("2202", "0.00", "52.53", "S1"),
        ("2202", "51.50", "0.00", ""),
        ("5401", "1.03", "0.00", ""),
    }
    assert (_payable(), _accrual()) == (Decimal("52.53"), Decimal("0.00"))
    assert checks.run_all() == []


def test_cli_next_document_of_a_receipt_is_its_fee_invoice(company, shop, capsys):
    from jxc_desktop.cli import main

    receipt = _receive(shop)
    args = ["--db", str(company), "trade", "next", receipt.number, "--date", "2026-02-01"]
    assert main(args) == 0, capsys.readouterr().err
    number = capsys.readouterr().out.split()[-1]
    invoice = documents.find_document(number)
    assert (invoice.doc_type, invoice.status) == ("CGFP", "draft")
    assert _first_line(invoice).source_line_id == _first_line(receipt).id
