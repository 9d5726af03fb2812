"""The database adapter: the only module that knows which database is underneath.

SQLite (a file; the default) and PostgreSQL (a postgresql:// URL, for several PCs on a
LAN) are opened here with their settings. Anything specific to one of them (pragmas,
lock modes, trigger syntax, busy detection, bulk-insert placeholders) lives here and
nowhere else, so the engine stays database-agnostic.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from collections.abc import Iterable, Sequence

from peewee import SQL, DatabaseProxy, OperationalError, PostgresqlDatabase, SqliteDatabase

from jxc_desktop.engine.errors import DatabaseBusy

# How long a writer waits for another writer's lock before "database busy" (seconds).
BUSY_TIMEOUT_SECONDS = float(os.environ.get("JXC_BUSY_TIMEOUT", "5"))

database = DatabaseProxy()


def open_database(target: str, busy_timeout: float | None = None):
    """Opens (and binds the models to) a SQLite file path or a postgresql:// URL."""
    if busy_timeout is None:
        busy_timeout = BUSY_TIMEOUT_SECONDS
    if target.startswith(("postgresql://", "postgres://")):
        from playhouse.db_url import connect

        db = connect(target)
    else:
        db = SqliteDatabase(
            target,
            timeout=busy_timeout,
            pragmas={
                "journal_mode": "wal",
                "foreign_keys": 1,
                "synchronous": "normal",
                "cache_size": -64000,
                # Checkpoints run on the WalCheckpointer's thread after each commit; this
                # is only the backstop should that thread fall behind (~200 MB of WAL).
                "wal_autocheckpoint": WAL_BACKSTOP_PAGES,
                "busy_timeout": int(busy_timeout * 1000),
            },
            check_same_thread=False,
        )
    database.initialize(db)
    db.connect(reuse_if_open=True)
    if isinstance(db, SqliteDatabase) and target != ":memory:":
        _start_checkpointer(target)
    return db


def close_database() -> None:
    stop_checkpointer()
    obj = database.obj
    if obj is not None and not obj.is_closed():
        obj.close()


# ---------------------------------------------------------------- WAL checkpoints

WAL_BACKSTOP_PAGES = 50_000


class WalCheckpointer:
    """Copies committed WAL pages back into a SQLite file on a thread of its own.

    An approval dirties 2,000-3,000 pages (each line touches its item's ledger index
    page, cost pool and balance). Run by the committing connection, SQLite's automatic
    checkpoint made every few approvals wait 100-230 ms on a large ledger while the
    pages were written back and synced. Here the writer only appends to the WAL; after
    each commit this thread runs a PASSIVE checkpoint on its own connection, which never
    blocks readers or writers, and SQLite restarts the WAL once it has all been copied.
    """

    def __init__(self, path: str):
        self.path = path
        self._wake = threading.Event()
        self._idle = threading.Event()  # nothing committed is waiting to be copied
        self._idle.set()
        self._lock = threading.Lock()  # wake and idle change together
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name="jxc-wal-checkpoint", daemon=True)
        self.checkpoints = 0  # how many ran (for tests and benchmarks)

    def start(self) -> None:
        self._thread.start()

    def nudge(self) -> None:
        """Something was committed: copy it back when the thread is next free."""
        with self._lock:
            self._idle.clear()
            self._wake.set()

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Waits until everything committed so far has been checkpointed (tests, backups)."""
        return self._idle.wait(timeout)

    def stop(self) -> None:
        self._stopping.set()
        self._wake.set()
        self._thread.join()

    def _run(self) -> None:
        con = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        try:
            while True:
                self._wake.wait()
                with self._lock:
                    self._wake.clear()
                if self._stopping.is_set():
                    return
                with contextlib.suppress(sqlite3.Error):  # busy or closing: the next one will
                    con.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
                    self.checkpoints += 1
                with self._lock:
                    if not self._wake.is_set():
                        self._idle.set()
        finally:
            con.close()


_checkpointer: WalCheckpointer | None = None


def _start_checkpointer(path: str) -> None:
    global _checkpointer
    stop_checkpointer()
    _checkpointer = WalCheckpointer(path)
    _checkpointer.start()


def stop_checkpointer() -> None:
    """Stops the checkpointer thread (closing the database does it; benchmarks compare)."""
    global _checkpointer
    if _checkpointer is not None:
        _checkpointer.stop()
        _checkpointer = None


def checkpointer() -> WalCheckpointer | None:
    """The running checkpointer of the open SQLite file (None on PostgreSQL)."""
    return _checkpointer


def is_sqlite() -> bool:
    return isinstance(database.obj, SqliteDatabase)


def is_postgres() -> bool:
    return isinstance(database.obj, PostgresqlDatabase)


def is_busy_error(exc: BaseException) -> bool:
    text = str(exc).lower()
    return any(sign in text for sign in ("database is locked", "database is busy", "lock timeout"))


# The key of the advisory lock that serialises writers on PostgreSQL (any constant).
PG_WRITE_LOCK = 0x6A7863


def _take_pg_write_lock(db) -> None:
    """Writers on PostgreSQL queue behind one advisory lock, as SQLite's IMMEDIATE does.

    The engine reads balances and then writes rows derived from them; serialising the
    writers keeps that exact on several PCs (readers are never blocked). The lock is
    released with the transaction; a writer that waits longer than the busy timeout
    gets DatabaseBusy.
    """
    millis = int(BUSY_TIMEOUT_SECONDS * 1000)
    db.execute_sql(f"SET LOCAL lock_timeout = {millis}")
    db.execute_sql(f"SELECT pg_advisory_xact_lock({PG_WRITE_LOCK})")


_action = threading.local()  # .values: see action_cache(); per thread, like the connections


def action_cache() -> dict:
    """Values read once per user action (settings, the current user).

    The dict lives as long as the outermost write transaction of this thread. That
    transaction holds the write lock, so no other PC can change what the dict holds
    meanwhile; whatever this process changes it forgets by key. Outside a write
    transaction every call returns a fresh dict: nothing is cached. Other threads (the
    GUI thread while a worker approves) have their own connection and see none of it.
    """
    values = getattr(_action, "values", None)
    return values if values is not None else {}


@contextlib.contextmanager
def _action_scope():
    _action.values = {}
    try:
        yield
    finally:
        _action.values = None


@contextlib.contextmanager
def write_transaction():
    """One user action = one transaction; takes the write lock up front on SQLite.

    Nested calls become savepoints. A lock that is not had within the busy timeout
    becomes DatabaseBusy, and nothing is written.
    """
    db = database.obj
    try:
        if db.in_transaction():
            with db.atomic():
                yield db
        elif isinstance(db, SqliteDatabase):
            with _action_scope(), db.atomic("IMMEDIATE"):
                yield db
            if _checkpointer is not None:
                _checkpointer.nudge()
        else:
            with _action_scope(), db.atomic():
                _take_pg_write_lock(db)
                yield db
    except (OperationalError, sqlite3.OperationalError) as exc:
        if is_busy_error(exc):
            raise DatabaseBusy() from exc
        raise


def placeholder() -> str:
    return database.obj.param


def bulk_insert(table: str, columns: Sequence[str], rows: Iterable[Sequence]) -> None:
    """Fast insert of many rows through the driver's executemany (ledgers, imports)."""
    rows = list(rows)
    if not rows:
        return
    marks = ", ".join([placeholder()] * len(columns))
    sql = f'INSERT INTO "{table}" ({", ".join(columns)}) VALUES ({marks})'
    database.obj.cursor().executemany(sql, rows)


def reserve_ids(table: str, count: int) -> list[int]:
    """Ids for rows about to be inserted, so linked rows can name each other in one batch.

    Call inside a write transaction: on SQLite the write lock is held, so MAX(id) is
    stable; on PostgreSQL the table's sequence hands them out.
    """
    if count <= 0:
        return []
    db = database.obj
    if isinstance(db, SqliteDatabase):
        (top,) = db.execute_sql(f'SELECT COALESCE(MAX(id), 0) FROM "{table}"').fetchone()
        return list(range(top + 1, top + 1 + count))
    rows = db.execute_sql(
        f"SELECT nextval(pg_get_serial_sequence('{table}', 'id')) FROM generate_series(1, %s)",
        (count,),
    ).fetchall()
    return [r[0] for r in rows]


def executemany(sql: str, rows: Iterable[Sequence]) -> None:
    """Runs SQL written with '?' placeholders for many parameter rows."""
    if placeholder() != "?":
        sql = sql.replace("?", placeholder())
    database.obj.cursor().executemany(sql, list(rows))


def execute(sql: str, params: Sequence = ()):
    """Runs SQL written with '?' placeholders on either database."""
    if placeholder() != "?":
        sql = sql.replace("?", placeholder())
    return database.obj.execute_sql(sql, params)


def install_append_only_guard(table: str) -> None:
    """A trigger that aborts UPDATE and DELETE on a ledger table (a backstop for the code)."""
    db = database.obj
    if isinstance(db, SqliteDatabase):
        for action in ("UPDATE", "DELETE"):
            db.execute_sql(
                f"CREATE TRIGGER IF NOT EXISTS {table}_no_{action.lower()} "
                f'BEFORE {action} ON "{table}" '
                f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
            )
    else:
        db.execute_sql(
            "CREATE OR REPLACE FUNCTION jxc_append_only() RETURNS trigger AS $$ "
            # %% because the driver formats parameters even when there are none.
            "BEGIN RAISE EXCEPTION '%% is append-only', TG_TABLE_NAME; END $$ LANGUAGE plpgsql"
        )
        db.execute_sql(
            f'DROP TRIGGER IF EXISTS {table}_append_only ON "{table}"; '
            f'CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON "{table}" '
            "FOR EACH ROW EXECUTE FUNCTION jxc_append_only()"
        )


@contextlib.contextmanager
def append_only_lifted(table: str):
    """Lets a schema migration write to a ledger table (e.g. fill a new column of posted
    rows): the guard of install_append_only_guard is dropped, then put back. Inside the
    migration's transaction, so no `finally`: on an error the rollback restores the
    guard with everything else (and PostgreSQL runs nothing more in a failed one)."""
    db = database.obj
    if isinstance(db, SqliteDatabase):
        for action in ("update", "delete"):
            db.execute_sql(f"DROP TRIGGER IF EXISTS {table}_no_{action}")
    else:
        db.execute_sql(f'DROP TRIGGER IF EXISTS {table}_append_only ON "{table}"')
    yield
    install_append_only_guard(table)


def drop_column_default(table: str, column: str) -> None:
    """Drops the DEFAULT a migration gave a new NOT NULL column to fill existing rows, so
    later inserts must name it as on a fresh file. PostgreSQL only: SQLite cannot drop a
    default without rebuilding the table."""
    if not isinstance(database.obj, SqliteDatabase):
        database.obj.execute_sql(f'ALTER TABLE "{table}" ALTER COLUMN "{column}" DROP DEFAULT')


def create_index_if_missing(table: str, name: str, columns: Sequence[str], unique=False) -> None:
    """A migration step's index (both databases understand IF NOT EXISTS)."""
    kind = "UNIQUE INDEX" if unique else "INDEX"
    cols = ", ".join(f'"{c}"' for c in columns)
    database.obj.execute_sql(f'CREATE {kind} IF NOT EXISTS "{name}" ON "{table}" ({cols})')


def add_column_if_missing(model, field_name: str) -> None:
    """Adds a model's field as a column when an older database lacks it.

    A NOT NULL column is added with its default in the same ALTER TABLE. peewee would
    add it nullable and then rebuild the table to make it NOT NULL, and on SQLite that
    rebuild drops the old table: with foreign keys on, the drop deletes every row first,
    which cascades (a cost_group rebuild deleted every FIFO layer and settled cost)."""
    from playhouse.migrate import SchemaMigrator, migrate

    db = database.obj
    table = model._meta.table_name
    field = model._meta.fields[field_name]
    if field.column_name in {c.name for c in db.get_columns(table)}:
        return
    migrator = SchemaMigrator.from_database(db)
    if field.null or field.default is None:
        migrate(migrator.add_column(table, field.column_name, field))
        return
    column = field.clone()
    column.constraints = [*(field.constraints or []), SQL(f"DEFAULT {_literal(field)}")]
    operations = [migrator.alter_add_column(table, field.column_name, column, allow_not_null=True)]
    if field.index or field.unique:
        operations.append(migrator.add_index(table, (field.column_name,), field.unique))
    migrate(*operations)


def _literal(field) -> str:
    """A field's default as an SQL literal (booleans, numbers and text)."""
    value = field.db_value(field.default() if callable(field.default) else field.default)
    if isinstance(value, bool):  # PostgreSQL refuses 1 / 0 for a boolean; SQLite takes both
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    return "'" + str(value).replace("'", "''") + "'"


def table_names() -> list[str]:
    return sorted(database.obj.get_tables())


def view_names() -> list[str]:
    return sorted(v.name for v in database.obj.get_views())


def _index_condition(sql: str | None) -> str:
    """A partial index's WHERE clause, whitespace and case normalised ('' if none)."""
    text = " ".join((sql or "").split()).upper()
    return text.split(" WHERE ", 1)[1] if " WHERE " in text else ""


def schema_signature() -> list[tuple]:
    """Tables, columns and indexes in a comparable form (for migration tests)."""
    db = database.obj
    sig = []
    for table in db.get_tables():
        cols = tuple(
            (c.name, c.data_type.upper(), c.null, c.primary_key) for c in db.get_columns(table)
        )
        idx = tuple(
            sorted(
                (i.name, tuple(i.columns), i.unique, _index_condition(i.sql))
                for i in db.get_indexes(table)
            )
        )
        sig.append((table, cols, idx))
    sig += [(view, (), ()) for view in view_names()]
    return sorted(sig)


# ---------------------------------------------------------------- company files (SQLite)

_COPY_STEP_PAGES = 2048  # 8 MB a step at 4 KB pages: a progress report every few ms


def copy_sqlite_file(source: str | os.PathLike, target: str | os.PathLike, progress=None) -> None:
    """Copies a SQLite company file through SQLite's online backup API into `target`;
    progress(pages copied, pages in all) is called as it goes.

    The copy is a consistent snapshot even while the source is in use, and includes what
    is still in its WAL (a plain file copy would be torn or miss it). It is written to
    `target`.part, checked (PRAGMA quick_check), switched to a rollback journal so it is
    one self-contained file, and only then renamed to `target`: a failed copy never
    leaves a half-written file under the target's name.
    """
    part = f"{os.fspath(target)}.part"
    with contextlib.suppress(FileNotFoundError):
        os.remove(part)

    def step(_status, remaining, total):
        if progress is not None:
            progress(total - remaining, total)

    try:
        # read-write although it only reads: a read-only connection to a file in WAL
        # mode leaves empty -wal and -shm files behind
        src = sqlite3.connect(os.fspath(source))
        dst = sqlite3.connect(part)
        try:
            src.backup(dst, pages=_COPY_STEP_PAGES, progress=step)
            dst.execute("PRAGMA journal_mode=DELETE")
            (verdict,) = dst.execute("PRAGMA quick_check").fetchone()
        finally:
            dst.close()
            src.close()
        if verdict != "ok":
            raise sqlite3.DatabaseError(f"quick_check: {verdict}")
        os.replace(part, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.remove(part)
        raise


def empty_wal(path: str | os.PathLike) -> None:
    """Copies a closed SQLite file's WAL into it and truncates the WAL to nothing, so the
    file alone holds everything and can be replaced without a stale WAL replaying."""
    con = sqlite3.connect(os.fspath(path))
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        con.execute("PRAGMA journal_mode=DELETE")
    finally:
        con.close()


def sqlite_file_facts(path: str | os.PathLike, queries: dict[str, str]) -> dict:
    """Runs one-value queries on an existing SQLite file (reads only); None for a query
    that fails (a table the file does not have). Raises sqlite3.DatabaseError for a
    file that is not a SQLite database at all."""
    con = sqlite3.connect(os.fspath(path))
    try:
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()  # not a database: raises
        facts = {}
        for key, sql in queries.items():
            try:
                row = con.execute(sql).fetchone()
            except sqlite3.OperationalError:
                row = None
            facts[key] = row[0] if row else None
        return facts
    finally:
        con.close()
