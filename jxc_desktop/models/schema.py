"""Schema versions and their ordered migration steps.

The version lives in the `meta` table (works on SQLite and PostgreSQL alike). Opening
a database runs the missing steps in order, each in one transaction, after a backup of
a SQLite file; a database newer than this program is refused.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path

from jxc_desktop.engine.errors import SchemaError
from jxc_desktop.engine.i18n import tr
from jxc_desktop.models import (
    accounting,
    company,
    documents,
    finance,
    masterdata,
    production,
    quality,
    stock,
    trade,
)
from jxc_desktop.models.db import (
    add_column_if_missing,
    create_index_if_missing,
    database,
    install_append_only_guard,
    is_sqlite,
    write_transaction,
)

V1_MODELS = [
    company.Meta,
    company.Company,
    company.Setting,
    company.Period,
    company.User,
    company.AuditLog,
    masterdata.Unit,
    masterdata.ItemCategory,
    masterdata.Warehouse,
    masterdata.Location,
    masterdata.Item,
    masterdata.ItemUnit,
    masterdata.ItemBarcode,
    masterdata.Partner,
    masterdata.Currency,
    masterdata.ExchangeRate,
    masterdata.TaxRate,
    masterdata.Department,
    masterdata.Staff,
    masterdata.Batch,
    accounting.Account,
    documents.DocumentSequence,
    documents.Document,
    documents.DocumentLine,
    stock.StockMove,
    stock.PlacedBalance,
    stock.CostGroup,
    stock.FifoLayer,
    stock.PeriodicCost,
    stock.SerialNumber,
    stock.SerialMove,
]

APPEND_ONLY_TABLES = ["stock_move", "serial_move"]

# Step 3: the finance (vouchers), trade (open items, settlements) and production tables.
V3_MODELS = [*finance.MODELS, *trade.MODELS, *production.MODELS]
V3_APPEND_ONLY = [*finance.APPEND_ONLY, *trade.APPEND_ONLY, *production.APPEND_ONLY]
# Step 5: the tables added since (quality control, and new tables of the other modules:
# each module appends to its own MODELS list; step 5 creates whatever is missing).
V5_MODELS = [*quality.MODELS, *stock.STEP5_MODELS]
V5_APPEND_ONLY = [*quality.APPEND_ONLY]
ALL_MODELS = V1_MODELS + V3_MODELS + [documents.DocumentLineSerial] + V5_MODELS


def _step_1() -> None:
    database.obj.create_tables(V1_MODELS)
    for table in APPEND_ONLY_TABLES:
        install_append_only_guard(table)


def _step_2() -> None:
    """Document lists filter by type and status and sort by date."""
    create_index_if_missing(
        "document", "document_doc_type_status_date", ["doc_type", "status", "date"]
    )


# Steps after the first must work on a database made by any earlier version and on a
# fresh one (whose tables step 1 made from today's models): they check before they add.
def _step_3() -> None:
    database.obj.create_tables(V3_MODELS, safe=True)
    for table in V3_APPEND_ONLY:
        install_append_only_guard(table)


def _step_4() -> None:
    """Serial numbers named on document lines; serial moves name the move they mirror."""
    database.obj.create_tables([documents.DocumentLineSerial], safe=True)
    add_column_if_missing(stock.SerialMove, "reverses")


def _step_5() -> None:
    """Tables added after version 4, in any module; columns added to older tables."""
    database.obj.create_tables(V3_MODELS + V5_MODELS, safe=True)
    for table in V3_APPEND_ONLY + V5_APPEND_ONLY:
        install_append_only_guard(table)
    database.obj.execute_sql('DROP INDEX IF EXISTS "stock_move_item_id"')  # see StockMove.item
    stock.add_period_index()
    for flow in ("in_qty", "in_value", "out_qty", "out_value"):
        add_column_if_missing(stock.CostGroup, flow)
    stock.fill_pool_flows()


def _step_6() -> None:
    """Tables and columns added after version 5; partial indexes for sparse ledger columns."""
    database.obj.create_tables(V3_MODELS + V5_MODELS, safe=True)
    for table in V3_APPEND_ONLY + V5_APPEND_ONLY:
        install_append_only_guard(table)
    stock.use_partial_indexes()
    add_column_if_missing(masterdata.Item, "lot_period_days")


def _step_7() -> None:
    """On-hand without location or batch kept on its cost pool; stock_balance a view;
    FIFO layers indexed by (group, seq); lost FIFO layers and settled costs rebuilt;
    no index on stock_move's warehouse alone."""
    database.obj.create_tables([stock.PlacedBalance], safe=True)
    add_column_if_missing(stock.CostGroup, "loose_qty")
    stock.keep_loose_on_pools()
    stock.index_layers_by_place()
    stock.drop_move_warehouse_index()
    # files whose step 5 ran as a table rebuild lost FIFO layers and settled periodic
    # costs (see cache_repair): the ledger still says what they were. The repair reads
    # pools' moves as today's code does, by month, so the month column comes first
    # (step 8 then finds it done).
    stock.index_moves_by_month()
    from jxc_desktop.engine.inventory import cache_repair

    cache_repair.rebuild_lost_fifo_layers()
    cache_repair.rebuild_lost_periodic_costs()


def _step_8() -> None:
    """stock_move's month column; the per-item index leads with it."""
    stock.index_moves_by_month()


STEPS: dict[int, Callable[[], None]] = {
    1: _step_1,
    2: _step_2,
    3: _step_3,
    4: _step_4,
    5: _step_5,
    6: _step_6,
    7: _step_7,
    8: _step_8,
}
SCHEMA_VERSION = max(STEPS)


def current_version() -> int:
    if "meta" not in database.obj.get_tables():
        return 0
    row = company.Meta.get_or_none(company.Meta.key == "schema_version")
    return int(row.value) if row else 0


def _set_version(version: int) -> None:
    company.Meta.insert(key="schema_version", value=str(version)).on_conflict(
        conflict_target=[company.Meta.key], update={company.Meta.value: str(version)}
    ).execute()


def backup_file(path: str | Path, version: int) -> Path | None:
    """Copies a SQLite file (after a WAL checkpoint) next to itself before migrating."""
    path = Path(path)
    if not path.exists():
        return None
    database.obj.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    stamp = dt.datetime.now().strftime("%Y%m%d%H%M%S")
    target = path.with_name(f"{path.name}.v{version}.{stamp}.bak")
    shutil.copy2(path, target)
    return target


def upgrade(path: str | None = None, target_version: int = SCHEMA_VERSION) -> int:
    """Brings the open database to `target_version`; returns the version it had."""
    version = current_version()
    if version > SCHEMA_VERSION:
        raise SchemaError(
            tr(
                "该数据库由较新版本的程序创建（结构版本 {found}，本程序支持 {known}），请升级程序。",
                "This database was made by a newer version of the program (schema {found}, "
                "this program knows {known}); please upgrade the program.",
                found=version,
                known=SCHEMA_VERSION,
            )
        )
    if 0 < version < target_version and path and is_sqlite():
        backup_file(path, version)
    for step in range(version + 1, target_version + 1):
        with write_transaction():
            STEPS[step]()
            _set_version(step)
    return version
