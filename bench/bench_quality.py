"""Quality control at scale: a 1,000-line receipt inspected, and the supplier reports.

    .venv/bin/python bench/bench_quality.py [LINES] [RECEIPTS]

1. one approved CGRK of LINES lines (LINES items), a 质检单 generated from it with 10 %
   of the lines rejecting 1 unit: generate, save (with the all-at-once checks), approve
   (the quarantine transfers through the stock ledger);
2. RECEIPTS more approved 100-line receipts from 20 suppliers against orders with due
   dates, each inspected; then inspection-summary and supplier-evaluation over them.
Prints seconds per step and the machine.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

from machine import describe

from jxc_desktop.engine import documents, settings
from jxc_desktop.engine.company import CompanySetup, init_company
from jxc_desktop.engine.documents import DocumentInput, LineInput
from jxc_desktop.engine.quality import inspections
from jxc_desktop.engine.reports import ReportParams, load_all
from jxc_desktop.engine.session import open_company
from jxc_desktop.models.db import write_transaction
from jxc_desktop.models.masterdata import Item, Partner, Unit, Warehouse

DAY = dt.date(2026, 1, 5)


def _setup(path: Path, lines: int) -> list[Partner]:
    open_company(path, create=True)
    init_company(CompanySetup(name="质检基准", start_period="2026-01"))
    unit = Unit.get(Unit.name == "个")
    with write_transaction():
        Warehouse.create(code="W1", name="主仓")
        Warehouse.create(code="QC", name="不合格品仓")
        Item.insert_many(
            [{"code": f"Q{n:05d}", "name": f"物料{n}", "base_unit": unit} for n in range(lines)]
        ).execute()
        suppliers = [
            Partner.create(kind="supplier", code=f"S{n:02d}", name=f"供应商{n}") for n in range(20)
        ]
    settings.set_value("quarantine_warehouse", "QC")
    return suppliers


def _receipt(supplier: Partner, codes: list[str], day: dt.date, due: dt.date):
    order = documents.save_draft(
        DocumentInput(
            "CGDD",
            day,
            [LineInput(item=c, qty="100", price="3.5", due_date=due) for c in codes],
            partner=supplier,
        )
    )
    documents.approve(order.id)
    src = list(order.lines.order_by(documents.DocumentLine.line_no))
    receipt = documents.save_draft(
        DocumentInput(
            "CGRK",
            day,
            [
                LineInput(item=c, qty="100", price="3.5", tax_rate="13", source_line=s)
                for c, s in zip(codes, src, strict=True)
            ],
            partner=supplier,
            warehouse="W1",
        )
    )
    documents.approve(receipt.id)
    return receipt


def _inspect(receipt, every: int = 10):
    data = inspections.from_source(receipt.number, receipt.date)
    for n, line in enumerate(data.lines):
        if n % every == 0:
            line.extra["result"] = inspections.ResultInput("99", "1", "0")
    doc = inspections.save_inspection(data)
    documents.approve(doc.id)


def _timed(label: str, fn):
    start = time.perf_counter()
    result = fn()
    print(f"{label}: {time.perf_counter() - start:.3f} s")
    return result


def main() -> None:
    lines = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    receipts = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    print(describe())
    with tempfile.TemporaryDirectory(prefix="quality_bench_") as tmp:
        suppliers = _setup(Path(tmp) / "q.sqlite", lines)
        codes = [f"Q{n:05d}" for n in range(lines)]
        receipt = _receipt(suppliers[0], codes, DAY, DAY)
        data = _timed(
            f"generate a {lines}-line 质检单", lambda: inspections.from_source(receipt.number)
        )
        for n, line in enumerate(data.lines):
            if n % 10 == 0:
                line.extra["result"] = inspections.ResultInput("99", "1", "0")
        doc = _timed("save it (all checks)", lambda: inspections.save_inspection(data))
        _timed(
            f"approve it ({lines // 10} quarantine transfers)", lambda: documents.approve(doc.id)
        )
        for n in range(receipts):
            day = DAY + dt.timedelta(days=1 + n % 20)
            chunk = [codes[(n * 100 + k) % lines] for k in range(100)]
            _inspect(_receipt(suppliers[n % 20], chunk, day, day - dt.timedelta(days=n % 2)))
        reports = load_all()
        params = ReportParams(dt.date(2026, 1, 1), dt.date(2026, 1, 31))
        rows = _timed(
            f"inspection-summary over {receipts * 100 + lines} lines",
            lambda: reports["inspection-summary"].run(params),
        )
        print(f"  {len(rows)} rows")
        _timed("supplier-evaluation", lambda: reports["supplier-evaluation"].run(params))


if __name__ == "__main__":
    main()
