"""Scale data for the inventory benchmarks: a company with a big, consistent stock ledger.

    .venv/bin/python bench/datagen.py OUT.sqlite [--moves N] [--items N] [--warehouses N]
        [--partners N] [--lines N] [--hot N] [--fifo-share F] [--seed N] [--check]

Writes, in one transaction through the cursor's executemany, approved 其他入库 QTRK and
其他出库 QTCK documents with their lines, one stock move per line, the on-hand balances,
the cost pools (with FIFO layers for FIFO items) and the number sequences. Values are
computed by the engine's own pure valuation (`valuation.Pool`) in ledger order, so a
re-valuation of any pool from its first move reproduces the stored values to the fen and
`jxc check` accepts the database (`--check` runs `checks.run_all()`; use it on a small
instance, the re-valuation check replays every pool).

`--hot N` adds N moves of one item (code HOT, warehouse W01) spread over the same dates:
the pool a backdated receipt has to re-value.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from jxc_desktop.engine import barcodes  # noqa: E402
from jxc_desktop.engine.company import CompanySetup, init_company  # noqa: E402
from jxc_desktop.engine.inventory.valuation import (  # noqa: E402
    COMPUTED,
    FIXED,
    MoveIn,
    Pool,
    PoolState,
    unit_cost_of,
)
from jxc_desktop.engine.money import mul_div_round  # noqa: E402
from jxc_desktop.engine.session import close_company, open_company  # noqa: E402
from jxc_desktop.models.db import bulk_insert, execute, write_transaction  # noqa: E402

START = dt.date(2026, 1, 1)
DAYS = 300  # the generated history spans these days of 2026; benches post after it
STAMP = "2026-01-01 08:00:00"
QTY = 10_000  # 1 base unit in the ledger's 1e-4 units
FLUSH = 50_000  # rows per executemany

ITEM_COLUMNS = (
    "id, code, name, spec, item_type, base_unit_id, tax_rate, purchase_price, sale_price, "
    "valuation_method, batch_managed, serial_managed, safety_stock, max_stock, source, "
    "lead_time_days, lot_rule, lot_size, min_order_qty, active, created_at"
).split(", ")
DOC_COLUMNS = (
    "id, doc_type, number, date, time, status, warehouse_id, currency, exchange_rate, remarks, "
    "maker_id, created_at, updated_at, approver_id, approved_at, total_amount, total_tax"
).split(", ")
LINE_COLUMNS = (
    "id, document_id, line_no, item_id, unit_id, qty, base_qty, price, tax_rate, amount, tax, "
    "total, batch_no, counted, account, cost_object, remarks"
).split(", ")
MOVE_COLUMNS = (
    "id, kind, document_id, line_id, date, time, item_id, warehouse_id, batch_no, qty, value, "
    "unit_cost, cost_source, created_at, month"
).split(", ")


@dataclass
class Spec:
    moves: int = 1_000_000
    items: int = 50_000
    warehouses: int = 3
    partners: int = 200
    lines: int = 100  # lines per document
    hot: int = 0  # extra moves of the one item HOT in W01
    fifo_share: float = 0.1
    seed: int = 1


@dataclass
class Summary:
    documents: int = 0
    moves: int = 0
    pools: int = 0
    seconds: float = 0.0


class _Writer:
    """Buffers rows per table and flushes them with executemany."""

    def __init__(self):
        self.rows: dict[str, list] = {"document": [], "document_line": [], "stock_move": []}
        self.columns = {
            "document": DOC_COLUMNS,
            "document_line": LINE_COLUMNS,
            "stock_move": MOVE_COLUMNS,
        }

    def add(self, table: str, row: tuple) -> None:
        self.rows[table].append(row)

    def maybe_flush(self) -> None:
        """Called between documents, so a document's rows go out together."""
        if len(self.rows["stock_move"]) >= FLUSH:
            self.flush()

    def flush(self) -> None:
        # all tables, parents first: lines name their document, moves their line
        for name in self.rows:
            bulk_insert(name, self.columns[name], self.rows[name])
            self.rows[name] = []


class _Ledger:
    """Plans documents and values their lines with the engine's pure valuation."""

    def __init__(self, spec: Spec, item_ids: list[int], methods: dict[int, str], unit: int):
        self.spec = spec
        self.rng = random.Random(spec.seed)
        self.item_ids = item_ids
        self.methods = methods
        self.unit = unit
        self.cost = {i: 1_000_000 + (i * 7919) % 99_000_000 for i in methods}  # 1e-6 yuan
        self.pools: dict[tuple, Pool] = {}
        self.last: dict[tuple, str] = {}
        self.flows: dict[tuple, list[int]] = {}  # pool -> in qty, in value, out qty, out value
        self.stocked: dict[int, list[int]] = {}  # warehouse -> items that may have stock
        self.sequences: dict[tuple, int] = {}
        self.seeded: dict[int, int] = {}  # warehouse -> items received once so far
        self.writer = _Writer()
        self.doc_id = self.line_id = self.move_id = 0
        self.summary = Summary()

    def pool(self, key: tuple) -> Pool:
        if key not in self.pools:
            self.pools[key] = Pool(self.methods[key[0]], PoolState(), {})
        return self.pools[key]

    def number(self, prefix: str, date: dt.date) -> str:
        k = (prefix, date.strftime("%Y%m%d"))
        self.sequences[k] = self.sequences.get(k, 0) + 1
        return f"{prefix}{k[1]}-{self.sequences[k]:04d}"

    def receipt_lines(self, wh: int, items: list[int]) -> list[tuple]:
        out = []
        for item in items:
            q = self.rng.randint(5, 200)
            price = self.cost[item] + self.rng.randint(-50_000, 50_000)
            out.append((item, q * QTY, price, mul_div_round(q, price, 10_000)))
        return out

    def issue_lines(self, wh: int, want: int) -> list[tuple]:
        out, candidates = [], self.stocked.get(wh, [])
        taken: dict[int, int] = {}  # two lines of one item must not overdraw it together
        tries = 0
        while len(out) < want and candidates and tries < want * 4:
            tries += 1
            item = candidates[self.rng.randrange(len(candidates))]
            have = self.pool((item, wh, "")).s.qty - taken.get(item, 0)
            if have <= 0:
                continue
            q = min(self.rng.randint(1, 60) * QTY, have)
            taken[item] = taken.get(item, 0) + q
            out.append((item, -q, 0, 0))
        return out

    def write_doc(self, prefix: str, wh: int, date: dt.date, lines: list[tuple]) -> None:
        if not lines:
            return
        self.doc_id += 1
        d = date.isoformat()
        period = d[:7]
        total = 0
        for n, (item, qty, price, amount) in enumerate(lines, start=1):
            self.line_id += 1
            self.move_id += 1
            key = (item, wh, "")
            source = FIXED if qty > 0 else COMPUTED
            out = self.pool(key).apply(MoveIn(self.move_id, qty, source, amount, period))
            self.last[key] = d
            flows = self.flows.setdefault(key, [0, 0, 0, 0])
            at = 0 if qty >= 0 else 2
            flows[at] += abs(qty)
            flows[at + 1] += out.value if qty >= 0 else -out.value
            if qty > 0:
                self.stocked.setdefault(wh, []).append(item)
            total += amount
            self.writer.add(
                "document_line",
                (
                    *(self.line_id, self.doc_id, n, item, self.unit, abs(qty), abs(qty)),
                    *(price, 0, amount, 0, amount, "", 1, "", "", ""),
                ),
            )
            self.writer.add(
                "stock_move",
                (
                    *(self.move_id, "move", self.doc_id, self.line_id, d, "", item, wh, ""),
                    *(qty, out.value, unit_cost_of(out.value, qty), source, STAMP, d[:7]),
                ),
            )
        self.writer.add(
            "document",
            (
                *(self.doc_id, prefix, self.number(prefix, date), d, "", "approved", wh, "CNY"),
                *(1_000_000, "bench", 1, STAMP, STAMP, 1, STAMP, total, 0),
            ),
        )
        self.summary.documents += 1
        self.writer.maybe_flush()
        self.summary.moves += len(lines)

    def generic_doc(self, wh: int, date: dt.date) -> None:
        seeded = self.seeded.get(wh, 0)
        if seeded < len(self.item_ids):  # first every item comes into every warehouse once
            items = self.item_ids[seeded : seeded + self.spec.lines]
            self.seeded[wh] = seeded + len(items)
            self.write_doc("QTRK", wh, date, self.receipt_lines(wh, items))
        elif self.rng.random() < 0.5:
            items = self.rng.sample(self.item_ids, min(self.spec.lines, len(self.item_ids)))
            self.write_doc("QTRK", wh, date, self.receipt_lines(wh, items))
        else:
            self.write_doc("QTCK", wh, date, self.issue_lines(wh, self.spec.lines))

    def hot_doc(self, hot: int, n: int, date: dt.date, count: int) -> None:
        pool = self.pool((hot, 1, ""))
        if n % 2 == 0 or pool.s.qty < count * 10 * QTY:
            self.write_doc("QTRK", 1, date, self.receipt_lines(1, [hot] * count))
        else:
            self.write_doc("QTCK", 1, date, [(hot, -self.rng.randint(1, 10) * QTY, 0, 0)] * count)


def _insert_base(spec: Spec) -> tuple[list[int], dict[int, str], int]:
    (unit,) = execute("SELECT id FROM unit WHERE name = ?", ("个",)).fetchone()
    bulk_insert(
        "warehouse",
        ["id", "code", "name", "is_quarantine", "active"],
        [(w, f"W{w:02d}", f"仓库{w}", 0, 1) for w in range(1, spec.warehouses + 1)],
    )
    partners = []
    for n in range(1, spec.partners + 1):
        kind, code = ("customer", f"C{n:05d}") if n % 2 else ("supplier", f"S{n:05d}")
        partners.append((n, kind, code, f"往来单位{n}", "", "", "", "", "", 0, "", 0, "", 1, STAMP))
    bulk_insert(
        "partner",
        "id kind code name contact phone address tax_number bank_account credit_limit "
        "credit_rating payment_terms_days price_grade active created_at".split(),
        partners,
    )
    total = spec.items + (1 if spec.hot else 0)
    items, methods = [], {}
    for n in range(1, total + 1):
        method = "fifo" if spec.fifo_share and n % round(1 / spec.fifo_share) == 0 else None
        method = method or "moving_average"
        code = "HOT" if spec.hot and n == total else f"I{n:06d}"
        methods[n] = method
        items.append(
            (
                *(n, code, f"商品 {n}", f"{n % 50}号", "goods", unit, 130_000),
                *(1_000_000, 1_500_000, method, 0, 0, 0, 0, "purchase", 0, "lot_for_lot"),
                *(0, 0, 1, STAMP),
            )
        )
    bulk_insert("item", ITEM_COLUMNS, items)
    bulk_insert(
        "item_barcode",
        ["id", "barcode", "item_id"],
        [(n, barcodes.complete_ean13(f"690{n:09d}"), n) for n in range(1, total + 1)],
    )
    return list(range(1, spec.items + 1)), methods, unit


def _plan_days(spec: Spec, generic_docs: int, hot_docs: int):
    """(date, 'generic' | 'hot') for every document, hot ones spread evenly among the rest."""
    total = generic_docs + hot_docs
    hot_every = total / hot_docs if hot_docs else 0
    next_hot = hot_every / 2
    for n in range(total):
        date = START + dt.timedelta(days=n * DAYS // max(total, 1))
        if hot_docs and n >= next_hot:
            next_hot += hot_every
            yield date, "hot"
        else:
            yield date, "generic"


def _write_caches(led: _Ledger) -> None:
    groups, layers, balances = [], [], []
    for gid, ((item, wh, batch), pool) in enumerate(sorted(led.pools.items()), start=1):
        s = pool.s
        groups.append(
            (
                gid,
                item,
                wh,
                batch,
                s.qty,
                s.value,
                s.last_unit_cost,
                led.last[(item, wh, batch)],
                "",
                *led.flows[(item, wh, batch)],
                0 if batch else s.qty,  # loose on-hand: no location, no batch
            )
        )
        layers += [(gid, n, q, v) for n, (q, v) in enumerate(s.layers)]
        if s.qty and batch:
            balances.append((item, wh, 0, batch, s.qty))
    cols = (
        "id item_id warehouse_id batch_no qty value last_unit_cost last_date last_time "
        "in_qty in_value out_qty out_value loose_qty"
    )
    bulk_insert("cost_group", cols.split(), groups)
    bulk_insert("fifo_layer", ["group_id", "seq", "qty", "value"], layers)
    bulk_insert(
        "placed_balance", ["item_id", "warehouse_id", "location_id", "batch_no", "qty"], balances
    )
    bulk_insert(
        "document_sequence",
        ["prefix", "day", "last"],
        [(p, day, n) for (p, day), n in led.sequences.items()],
    )
    led.summary.pools = len(groups)


def generate(path: Path, spec: Spec, progress=None) -> Summary:
    """Creates a company at `path` holding `spec.moves` (+ `spec.hot`) approved stock moves."""
    started = time.perf_counter()
    path = Path(path)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    open_company(path, create=True)
    init_company(CompanySetup(name="基准测试公司", start_period="2025-12"))
    with write_transaction():
        item_ids, methods, unit = _insert_base(spec)
        led = _Ledger(spec, item_ids, methods, unit)
        hot_docs = -(-spec.hot // spec.lines) if spec.hot else 0
        generic_docs = -(-spec.moves // spec.lines) if spec.moves else 0
        hot_left = spec.hot
        for n, (date, kind) in enumerate(_plan_days(spec, generic_docs, hot_docs)):
            wh = 1 + n % spec.warehouses
            if kind == "hot":
                count = min(spec.lines, hot_left)
                led.hot_doc(len(item_ids) + 1, n, date, count)
                hot_left -= count
            elif led.summary.moves - (spec.hot - hot_left) < spec.moves:
                led.generic_doc(wh, date)
            if progress and n % 1000 == 0:
                progress(led.summary.moves)
        led.writer.flush()
        _write_caches(led)
    close_company()
    led.summary.seconds = time.perf_counter() - started
    return led.summary


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    for name, default in Spec().__dict__.items():
        ap.add_argument(f"--{name.replace('_', '-')}", type=type(default), default=default)
    ap.add_argument("--check", action="store_true", help="run jxc check's invariants after")
    args = ap.parse_args(argv)
    spec = Spec(**{k: getattr(args, k) for k in Spec().__dict__})
    s = generate(args.out, spec)
    print(
        f"{args.out}: {s.documents:,} documents, {s.moves:,} moves, {s.pools:,} cost pools "
        f"in {s.seconds:.1f} s ({s.moves / s.seconds:,.0f} moves/s)"
    )
    if args.check:
        from jxc_desktop.engine.checks import run_all

        open_company(args.out)
        t = time.perf_counter()
        problems = run_all()
        close_company()
        print(f"checks.run_all(): {len(problems)} violations in {time.perf_counter() - t:.1f} s")
        for name, text in problems[:20]:
            print(f"  {name}: {text}")
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
