"""Finance benchmarks: books over 1,000,000 voucher lines, and the month-end close of a
month with 100,000 business documents.

    .venv/bin/python bench/bench_finance.py [--scale F] [--dir DIR] [--only books|close]

books: 200,000 vouchers × 5 lines (1,000,000 lines) spread over the 12 months of 2026,
  bulk-inserted (balanced; 1122 / 2202 lines name a partner). Times 科目余额表 for
  December and for the whole year and 资产负债表 at 31 December, first with every month
  open (everything summed from the voucher lines), then after closing January–November
  (their totals cached in period_total by the close), as a user works through a year.
close: bench/datagen.py writes 100,000 approved 其他入库 / 其他出库 documents (two lines
  each, 200,000 stock moves valued by the engine's own valuation) all dated January
  2026; their vouchers are added set-based in SQL exactly as the voucher rules write them
  (QTRK Dr 1405 / Cr 1901, QTCK Dr 5602 / Cr 1405), so the close's checks pass. Times
  `closing.close("2026-01")`: its checks (drafts, unposted vouchers, stock sub-ledger =
  1403/1405, exchange rates), 期末调汇, 结转未交增值税, 结转损益, lock and cache.
--scale multiplies both sizes (0.1 for a quick look).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for p in (ROOT, ROOT / "bench"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

import datagen  # noqa: E402
import machine  # noqa: E402

from jxc_desktop.engine.company import CompanySetup, ensure_period, init_company  # noqa: E402
from jxc_desktop.engine.finance import closing  # noqa: E402
from jxc_desktop.engine.finance.rules import ensure_default_rules  # noqa: E402
from jxc_desktop.engine.reports import ReportParams, load_all  # noqa: E402
from jxc_desktop.engine.session import close_company, open_company  # noqa: E402
from jxc_desktop.models.db import bulk_insert, execute, write_transaction  # noqa: E402
from jxc_desktop.models.finance import VoucherLine  # noqa: E402
from jxc_desktop.models.masterdata import Partner  # noqa: E402

STAMP = "2026-01-01 08:00:00"
ONE = VoucherLine.rate.db_value(Decimal(1))
RESULTS: list[tuple[str, str, str]] = []


def report(what: str, seconds: float, target: float | None = None) -> None:
    verdict = "" if target is None else ("met" if seconds < target else "NOT met")
    goal = f"< {target:g} s" if target is not None else ""
    RESULTS.append((what, f"{seconds:,.3f} s", f"{goal} {verdict}".strip()))
    print(f"  {what}: {seconds:,.3f} s {('[' + goal + ': ' + verdict + ']') if goal else ''}")


def timed(fn):
    started = time.perf_counter()
    value = fn()
    return time.perf_counter() - started, value


# ------------------------------------------------------------------ books


def _accounts() -> tuple[list[int], dict[str, int]]:
    """Leaf accounts to post to, and the ids of those that need a partner."""
    rows = execute(
        "SELECT a.id, a.code FROM account a WHERE NOT EXISTS "
        "(SELECT 1 FROM account c WHERE c.parent_id = a.id) ORDER BY a.code"
    ).fetchall()
    wanted = ("1001", "1002", "1122", "2202", "2211", "2221", "3001", "5001")  # no stock
    wanted += ("5401", "5601", "5602", "5603", "5711", "6", "1601", "2241", "1221")
    ids = [a for a, code in rows if code.startswith(wanted)]
    by_code = {code: a for a, code in rows}
    return ids, by_code


def make_books(path: Path, lines: int) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    open_company(path, create=True)
    init_company(CompanySetup(name="财务基准公司", start_period="2026-01"))
    ensure_default_rules()
    rng = random.Random(5)
    with write_transaction():
        for month in range(1, 13):
            ensure_period(f"2026-{month:02d}")
        Partner.insert_many(
            [{"kind": "customer", "code": f"P{n:04d}", "name": f"往来{n}"} for n in range(1, 501)]
        ).execute()
        ids, by_code = _accounts()
        with_partner = {by_code.get("1122"), by_code.get("2202")}
        vouchers, rows = [], []
        count = lines // 5
        numbers: dict[str, int] = {}
        for vid in range(1, count + 1):
            day = dt.date(2026, 1, 1) + dt.timedelta(days=(vid - 1) * 365 // count)
            period = day.isoformat()[:7]
            numbers[period] = numbers.get(period, 0) + 1
            vouchers.append(
                (vid, period, "记", numbers[period], day.isoformat(), "基准", "manual", "posted")
                + (0, "", STAMP, 0)
            )
            a, b = rng.randint(100, 10_000_000), rng.randint(200, 10_000_000)
            half = b // 2
            sides = [(a, 0), (b, 0), (0, a), (0, half), (0, b - half)]
            for no, (debit, credit) in enumerate(sides, start=1):
                account = ids[rng.randrange(len(ids))]
                partner = rng.randint(1, 500) if account in with_partner else None
                rows.append(
                    (vid, no, "基准", account, debit, credit, partner, "CNY", 0, ONE, "", "")
                )
        bulk_insert(
            "voucher",
            "id period word number date summary kind status attachments external_number "
            "made_at stock_upto".split(),
            vouchers,
        )
        bulk_insert(
            "voucher_line",
            "voucher_id line_no summary account_id debit credit partner_id currency "
            "original_amount rate cash_flow_item cost_object".split(),
            rows,
        )
    execute("ANALYZE")


def bench_books(folder: Path, scale: float) -> None:
    lines = int(1_000_000 * scale) // 5 * 5
    path = folder / "finance_books.sqlite"
    print(f"books: generating {lines:,} voucher lines …", flush=True)
    seconds, _ = timed(lambda: make_books(path, lines))
    print(f"  generated in {seconds:,.1f} s")
    reports = load_all()
    dec = ReportParams(date_from=dt.date(2026, 12, 1), date_to=dt.date(2026, 12, 31))
    year = ReportParams(date_from=dt.date(2026, 1, 1), date_to=dt.date(2026, 12, 31))

    def run_all(label: str, target: float | None) -> None:
        for name, params, what in (
            ("trial-balance", dec, "科目余额表 2026-12"),
            ("trial-balance", year, "科目余额表 2026-01..12"),
            ("balance-sheet", dec, "资产负债表 2026-12-31"),
        ):
            reports[name].run(params)  # warm the page cache once
            seconds, rows = timed(lambda n=name, p=params: reports[n].run(p))
            report(f"{what}, {label}, {lines:,} lines", seconds, target)

    run_all("every month open", None)
    started = time.perf_counter()
    for month in range(1, 12):
        closing.close(f"2026-{month:02d}")
    print(f"  closed 2026-01..11 in {time.perf_counter() - started:,.1f} s")
    run_all("Jan–Nov closed", 1.0)
    close_company()


# ------------------------------------------------------------------ close


def add_document_vouchers() -> None:
    """One voucher per generated document, as the voucher rules write them, in SQL."""
    acc = dict(execute("SELECT code, id FROM account").fetchall())
    execute(
        "INSERT INTO voucher (id, period, word, number, date, summary, attachments, kind, "
        "external_number, source_id, status, made_at, stock_upto) "
        "SELECT d.id, substr(d.date, 1, 7), '记', "
        "ROW_NUMBER() OVER (PARTITION BY substr(d.date, 1, 7) ORDER BY d.id), d.date, "
        "d.number, 0, 'document', '', d.id, 'posted', ?, 0 FROM document d",
        (STAMP,),
    )
    for line_no, side, receipt, issue in (
        (1, "debit", acc["1405"], acc["5602"]),
        (2, "credit", acc["1901"], acc["1405"]),
    ):
        other = "credit" if side == "debit" else "debit"
        execute(
            f"INSERT INTO voucher_line (voucher_id, line_no, summary, account_id, {side}, "
            f"{other}, cash_flow_item, cost_object, currency, original_amount, rate) "
            "SELECT m.document_id, ?, d.number, "
            "CASE WHEN d.doc_type = 'QTRK' THEN ? ELSE ? END, ABS(SUM(m.value)), 0, '', '', "
            "'CNY', 0, ? FROM stock_move m JOIN document d ON d.id = m.document_id "
            "GROUP BY m.document_id, d.number, d.doc_type",
            (line_no, receipt, issue, ONE),
        )


def bench_close(folder: Path, scale: float) -> None:
    documents = int(100_000 * scale)
    path = folder / "finance_close.sqlite"
    print(f"close: generating {documents:,} documents in January 2026 …", flush=True)
    datagen.START, datagen.DAYS = dt.date(2026, 1, 1), 31  # every document in one month
    spec = datagen.Spec(moves=documents * 2, items=2_000, warehouses=3, partners=20, lines=2)
    seconds, summary = timed(lambda: datagen.generate(path, spec))
    open_company(path)
    with write_transaction():
        ensure_default_rules()
        add_document_vouchers()
    execute("ANALYZE")
    (n_lines,) = execute("SELECT COUNT(*) FROM voucher_line").fetchone()
    print(
        f"  {summary.documents:,} documents, {summary.moves:,} moves, {n_lines:,} voucher "
        f"lines in {seconds:,.1f} s"
    )
    seconds, result = timed(lambda: closing.close("2026-01"))
    for line in result.messages:
        print(f"    {line}")
    report(f"月末结账 2026-01, {summary.documents:,} documents", seconds, 10.0)
    close_company()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--dir", default="")
    parser.add_argument("--only", action="append", default=[])
    args = parser.parse_args(argv)
    print(machine.describe())
    folder = Path(args.dir or tempfile.mkdtemp(prefix="finance_bench_"))
    parts = {"books": bench_books, "close": bench_close}
    for name, fn in parts.items():
        if not args.only or name in args.only:
            fn(folder, args.scale)
    print("\n| what | time | target |\n|---|---|---|")
    for what, figure, goal in RESULTS:
        print(f"| {what} | {figure} | {goal} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
