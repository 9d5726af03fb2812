"""`jxc check`: every invariant of the database, all violations listed at once.

Checks register themselves; each returns a list of readable violation strings.
"""

from __future__ import annotations

from collections.abc import Callable

from jxc_desktop.engine.i18n import tr
from jxc_desktop.models import schema
from jxc_desktop.models.db import database

CHECKS: list[tuple[str, Callable[[], list[str]]]] = []


def register(name: str):
    def wrap(fn):
        CHECKS.append((name, fn))
        return fn

    return wrap


@register("schema_version")
def _schema_version() -> list[str]:
    found = schema.current_version()
    if found != schema.SCHEMA_VERSION:
        return [
            tr(
                "结构版本为 {f}，应为 {e}",
                "schema version is {f}, expected {e}",
                f=found,
                e=schema.SCHEMA_VERSION,
            )
        ]
    return []


@register("foreign_keys")
def _foreign_keys() -> list[str]:
    """Every reference points at an existing row (checked model by model, any database)."""
    out = []
    for model in schema.ALL_MODELS:
        for fk in model._meta.refs:
            target = fk.rel_model
            table = model._meta.table_name
            col = fk.column_name
            ttable = target._meta.table_name
            tcol = fk.rel_field.column_name
            sql = (
                f'SELECT COUNT(*) FROM "{table}" t WHERE t."{col}" IS NOT NULL AND NOT EXISTS '
                f'(SELECT 1 FROM "{ttable}" r WHERE r."{tcol}" = t."{col}")'
            )
            (n,) = database.obj.execute_sql(sql).fetchone()
            if n:
                out.append(
                    tr(
                        "{t}.{c} 有 {n} 行引用了不存在的 {r}",
                        "{t}.{c}: {n} rows refer to missing {r} rows",
                        t=table,
                        c=col,
                        n=n,
                        r=ttable,
                    )
                )
    return out


def _duplicates(table: str, columns: str, label_zh: str, label_en: str) -> list[str]:
    sql = f'SELECT {columns}, COUNT(*) FROM "{table}" GROUP BY {columns} HAVING COUNT(*) > 1'
    return [
        tr("{l}重复: {v}", "duplicate {l2}: {v}", l=label_zh, l2=label_en, v=row[:-1])
        for row in database.obj.execute_sql(sql).fetchall()
    ]


@register("unique_codes")
def _unique_codes() -> list[str]:
    return (
        _duplicates("item", "code", "商品编码", "item code")
        + _duplicates("item_barcode", "barcode", "条码", "barcode")
        + _duplicates("warehouse", "code", "仓库编码", "warehouse code")
        + _duplicates("partner", "kind, code", "往来单位编码", "partner code")
        + _duplicates("document", "number", "单据编号", "document number")
    )


def run_all() -> list[tuple[str, str]]:
    """(check name, violation) for every violation found."""
    import jxc_desktop.engine.finance.checks  # noqa: F401
    import jxc_desktop.engine.inventory.checks  # noqa: F401  (registers its checks)
    import jxc_desktop.engine.masterdata.checks  # noqa: F401
    import jxc_desktop.engine.production.checks  # noqa: F401
    import jxc_desktop.engine.production.outsourcing_checks  # noqa: F401
    import jxc_desktop.engine.quality.checks  # noqa: F401
    import jxc_desktop.engine.trade.checks  # noqa: F401

    out = []
    for name, fn in CHECKS:
        out.extend((name, v) for v in fn())
    return out
