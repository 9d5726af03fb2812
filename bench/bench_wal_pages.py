"""Which tables and indexes an approval writes: WAL pages per b-tree.

    .venv/bin/python bench/bench_wal_pages.py [--moves N] [--items N] [--documents N]

COMMIT costs about the same per page written, so the pages an approval dirties say where
its COMMIT time goes. This builds a ledger with bench/datagen.py, stops the background
checkpointer (so the WAL keeps every frame), approves 1,000-line 其他入库 / 其他出库 of
random stocked items as bench_inventory.py does, and after each maps the page numbers of
the frames it appended to their b-trees through SQLite's `dbstat` table.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import random
import sqlite3
import struct
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for p in (ROOT, ROOT / "bench"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

import bench_inventory as bi  # noqa: E402
import datagen  # noqa: E402

from jxc_desktop.engine import documents  # noqa: E402
from jxc_desktop.engine.session import close_company, open_company  # noqa: E402
from jxc_desktop.models.db import stop_checkpointer  # noqa: E402


def wal_pages(path: Path) -> list[int]:
    """The page number of every frame in a WAL file, in order (see SQLite's file format:
    a 32-byte header, then frames of a 24-byte header and one page)."""
    data = Path(f"{path}-wal").read_bytes()
    if len(data) < 32:
        return []
    (page_size,) = struct.unpack(">I", data[8:12])
    out, offset = [], 32
    while offset + 24 + page_size <= len(data):
        out.append(struct.unpack(">I", data[offset : offset + 4])[0])
        offset += 24 + page_size
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--moves", type=int, default=1_000_000)
    ap.add_argument("--items", type=int, default=50_000)
    ap.add_argument("--documents", type=int, default=4)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        path = bi.build(Path(tmp), "pages", datagen.Spec(moves=args.moves, items=args.items))
        open_company(path)
        stop_checkpointer()
        rng = random.Random(7)
        for n in range(args.documents):
            date = bi.AFTER + dt.timedelta(days=n)
            codes = bi._stocked_codes(1000, rng)
            data = bi._receipt(date, codes, rng) if n % 2 == 0 else bi._issue(date, codes)
            doc = documents.save_draft(data)
            before = len(wal_pages(path))
            documents.approve(doc.id)
            pages = set(wal_pages(path)[before:])
            con = sqlite3.connect(path)
            names = dict(con.execute("SELECT pageno, name FROM dbstat"))
            con.close()
            per_tree = collections.Counter(names.get(p, "?") for p in pages)
            print(f"{data.doc_type} {n + 1}: {len(pages):,} pages")
            for name, count in per_tree.most_common(8):
                print(f"  {count:6,}  {name}")
        close_company()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
