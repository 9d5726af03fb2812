"""docs/REPORTS.md documents exactly the registered reports and their keys."""

from pathlib import Path

from jxc_desktop.engine.reports.catalog import render


def test_reports_doc_is_up_to_date():
    doc = Path(__file__).resolve().parents[1] / "docs" / "REPORTS.md"
    assert doc.read_text(encoding="utf-8") == render(), (
        "docs/REPORTS.md is stale: run python -m jxc_desktop.engine.reports.catalog > docs/REPORTS.md"
    )


def test_domain_contract_keys_are_registered():
    from jxc_desktop.engine.reports import load_all

    reports = load_all()
    contract = {
        "stock-balance": "item warehouse location batch qty unit_cost value",
        "stock-ledger": "date number external_number type item warehouse location batch qty "
        "unit_cost value balance_qty balance_value",
        "trial-balance": "account name opening_debit opening_credit debit credit closing_debit "
        "closing_credit",
        "balance-sheet": "line name current previous",
        "income-statement": "line name current previous",
        "cash-flow": "line name current previous",
        "ar-aging": "partner total",
        "ap-aging": "partner total",
        "accounts": "code name category direction level parent active",
        "vouchers": "date number summary account debit credit partner source",
        "mrp-record": "period_start gross scheduled_receipts projected_on_hand net "
        "planned_receipts planned_releases",
        "job-cost": "work_order item completed_qty material labour overhead total unit_cost wip "
        "applied_overhead actual_overhead",
        "process-cost": "step element beginning_wip added equivalent_units cost_per_unit "
        "transferred_out ending_wip",
        "bom-cost": "item qty material operations total unit_cost",
    }
    for name, keys in contract.items():
        assert name in reports, name
        have = {c.key for c in reports[name].columns}
        assert set(keys.split()) <= have, (name, set(keys.split()) - have)
