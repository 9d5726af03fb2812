"""What voucher generation (业财一体化) adds to an approval, and the other hooks' shares.

    .venv/bin/python bench/bench_vouchers.py [--moves N] [--items N] [--lines N] [--docs N]
        [--kinds QTRK QTCK CGRK XSCK] [--dir DIR]

The target (docs/FINANCE.md): writing a document's voucher adds < 30 % to its approve
time. Two measurements on the same generated database (bench/datagen.py):

- inside every approval, the time of each after-approve hook (vouchers, trade open
  items, serial numbers) and of the rest (validation, stock posting, commit): the
  voucher's share is its time over the approval without it;
- A/B: a copy of the database approves the same documents with the voucher hook taken
  out of `documents._AFTER_APPROVE` for this process only (the product has no setting
  that turns vouchers off: a company always books them), and the medians are compared.

Documents are 其他入库 QTRK, 其他出库 QTCK, 采购入库 CGRK (supplier, 13 % VAT) and 销售出库
XSCK (customer, 13 % VAT) of --lines lines each, dated after the generated history.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for p in (ROOT, ROOT / "bench"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

import datagen  # noqa: E402
import machine  # noqa: E402

from jxc_desktop.engine import documents  # noqa: E402
from jxc_desktop.engine.documents import DocumentInput, LineInput  # noqa: E402
from jxc_desktop.engine.session import close_company, open_company  # noqa: E402
from jxc_desktop.models.db import execute  # noqa: E402

AFTER = dt.date(2026, 12, 1)
PARTNER = {"CGRK": "S00002", "XSCK": "C00001"}
HOOK_NAMES = {
    "jxc_desktop.engine.finance.document_vouchers": "vouchers",
    "jxc_desktop.engine.trade.postings": "open items (trade)",
    "jxc_desktop.engine.inventory.serials": "serial numbers",
}


def _document(kind: str, date: dt.date, codes: list[str], rng: random.Random) -> DocumentInput:
    lines = []
    for code in codes:
        if kind in ("QTRK", "CGRK"):
            qty, price = str(rng.randint(1, 50)), f"{rng.randint(100, 9999) / 100}"
        else:
            qty, price = "1", f"{rng.randint(100, 9999) / 100}" if kind == "XSCK" else None
        tax = "13" if kind in PARTNER else None
        lines.append(LineInput(item=code, qty=qty, price=price, tax_rate=tax))
    return DocumentInput(kind, date, lines, warehouse="W01", partner=PARTNER.get(kind))


def _stocked_codes() -> list[str]:
    return [
        r[0]
        for r in execute(
            "SELECT i.code FROM stock_balance b JOIN item i ON i.id = b.item_id "
            "WHERE b.warehouse_id = 1 AND b.qty >= 20000 ORDER BY i.code"
        )
    ]


class _Clock:
    """Times every after-approve hook by the module that registered it."""

    def __init__(self, without_vouchers: bool):
        documents._load_postings()
        self.spent: dict[str, float] = collections.defaultdict(float)
        self.original = list(documents._AFTER_APPROVE)
        hooks = [
            h
            for h in self.original
            if not (without_vouchers and HOOK_NAMES.get(h.__module__) == "vouchers")
        ]
        documents._AFTER_APPROVE[:] = [self._timed(h) for h in hooks]

    def _timed(self, hook):
        name = HOOK_NAMES.get(hook.__module__, hook.__module__)

        def timed(doc, result):
            started = time.perf_counter()
            try:
                return hook(doc, result)
            finally:
                self.spent[name] += time.perf_counter() - started

        return timed

    def restore(self) -> None:
        documents._AFTER_APPROVE[:] = self.original


def run_copy(path: Path, kinds, lines: int, docs: int, without_vouchers: bool) -> dict:
    """Approves the documents on one copy; per kind a list of (total, {hook: seconds})."""
    open_company(path)
    clock = _Clock(without_vouchers)
    out: dict[str, list] = {k: [] for k in kinds}
    try:
        codes = _stocked_codes()
        rng = random.Random(11)
        day = AFTER
        for _ in range(docs):
            for kind in kinds:
                day += dt.timedelta(days=1)
                draft = documents.save_draft(_document(kind, day, rng.sample(codes, lines), rng))
                clock.spent.clear()
                started = time.perf_counter()
                documents.approve(draft.id)
                out[kind].append((time.perf_counter() - started, dict(clock.spent)))
    finally:
        clock.restore()
        close_company()
    return out


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


def summarize(with_v: dict, without_v: dict, lines: int) -> list[str]:
    rows = []
    for kind, runs in with_v.items():
        total = statistics.median(t for t, _ in runs)
        hooks = {
            name: statistics.median(h.get(name, 0.0) for _, h in runs)
            for name in HOOK_NAMES.values()
        }
        voucher = hooks["vouchers"]
        share = voucher / max(total - voucher, 1e-9)
        ab = statistics.median(t for t, _ in without_v[kind])
        rows.append(
            f"| {kind} {lines:,} lines | {_ms(total)} | {_ms(voucher)} (+{share:.0%}) | "
            f"{_ms(ab)} → +{(total - ab) / ab:.0%} | {_ms(hooks['open items (trade)'])} | "
            f"{'met' if share < 0.30 else 'NOT met'} |"
        )
    return rows


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--moves", type=int, default=100_000)
    ap.add_argument("--items", type=int, default=10_000)
    ap.add_argument("--lines", type=int, default=1000)
    ap.add_argument("--docs", type=int, default=3)
    ap.add_argument("--kinds", nargs="*", default=["QTRK", "QTCK", "CGRK", "XSCK"])
    ap.add_argument("--dir", type=Path, default=None)
    args = ap.parse_args(argv)
    print(f"machine: {machine.describe()}")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        base = Path(tmp) / "base.sqlite"
        s = datagen.generate(base, datagen.Spec(moves=args.moves, items=args.items))
        print(f"  [datagen: {s.moves:,} moves, {s.pools:,} pools, {s.seconds:.1f} s]")
        copies = {}
        for name in ("with", "without"):
            copies[name] = Path(tmp) / f"{name}.sqlite"
            shutil.copy(base, copies[name])
        with_v = run_copy(copies["with"], args.kinds, args.lines, args.docs, False)
        without_v = run_copy(copies["without"], args.kinds, args.lines, args.docs, True)
    print(
        f"\nsummary (medians of {args.docs} documents each; total run "
        f"{time.perf_counter() - started:,.0f} s, load average at the end {machine.load()})"
    )
    print(
        "| document | approve (vouchers on) | of which the voucher (share of the rest) | "
        "same documents without the voucher hook → voucher adds | of which open items | "
        "< 30 % |"
    )
    print("|---|---|---|---|---|---|")
    for row in summarize(with_v, without_v, args.lines):
        print(row)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
