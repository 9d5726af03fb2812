"""Random histories of warehouse documents keep every invariant (hypothesis).

Each example runs a random sequence of receipts, issues, transfers, stocktakes,
backdated documents and un-approves on a fresh database, then checks: ledger =
balances, pool value = Σ move values, no value left at zero quantity, no negative
stock (refused), and re-valuing every pool from scratch reproduces the ledger.
"""

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from inventory_helpers import make_item, make_warehouse

from jxc_desktop.engine import documents
from jxc_desktop.engine.checks import run_all
from jxc_desktop.engine.documents import DocumentInput, LineInput
from jxc_desktop.engine.errors import JxcError

ITEMS = ["MA", "FI", "PE"]

step = st.tuples(
    st.sampled_from(["QTRK", "QTRK", "QTCK", "DBD", "UNDO", "CBTZ", "PDD"]),
    st.sampled_from(ITEMS),
    st.integers(1, 25),  # day of January
    st.integers(1, 40),  # quantity
    st.integers(1, 999),  # unit price in fen
    st.sampled_from(["W1", "W2"]),
)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(step, min_size=3, max_size=25), st.booleans())
def test_random_histories_keep_invariants(tmp_path_factory, steps, allow_negative):
    from jxc_desktop.engine import settings as company_settings
    from jxc_desktop.engine.company import CompanySetup, init_company
    from jxc_desktop.engine.session import close_company, open_company

    path = tmp_path_factory.mktemp("prop") / "c.sqlite"
    open_company(path, create=True)
    try:
        init_company(CompanySetup(name="P", start_period="2026-01"))
        if allow_negative:
            company_settings.set_value("negative_stock", "allow")
        make_warehouse("W1")
        make_warehouse("W2")
        make_item("MA")
        make_item("FI", method="fifo")
        make_item("PE", method="periodic")
        approved = []
        for kind, item, day, qty, fen, wh in steps:
            date = dt.date(2026, 1, day)
            try:
                if kind == "UNDO":
                    if approved:
                        documents.unapprove(approved.pop(day % len(approved)))
                    continue
                other = "W2" if wh == "W1" else "W1"
                line = LineInput(item=item, qty=str(qty), price=f"{fen / 100:.2f}")
                if kind == "CBTZ":
                    line = LineInput(item=item, amount=f"{fen / 100:.2f}")
                elif kind != "QTRK":
                    line.price = None  # issues, transfers and counts take the book cost
                doc = documents.save_draft(
                    DocumentInput(
                        kind,
                        date,
                        [line],
                        warehouse=wh,
                        dest_warehouse=other if kind == "DBD" else None,
                    )
                )
                documents.approve(doc.id)
                approved.append(doc.id)
            except JxcError:
                pass  # refused (e.g. not enough stock): nothing may have been written
            assert run_all() == []
    finally:
        close_company()
