"""Small validation helpers shared by the base-data modules.

Each helper appends Problems (field = the dataclass attribute name) instead of
raising, so a form or a spreadsheet row gets every problem at once.
"""

from __future__ import annotations

from decimal import Decimal

from peewee import IntegrityError

from jxc_desktop.engine import money
from jxc_desktop.engine.errors import JxcError, NotFound, Problem
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.session import audit
from jxc_desktop.models.db import write_transaction

CODE_MAX = 40
NAME_MAX = 100
TEXT_MAX = 200


def text_of(value: object) -> str:
    """Stripped text of an optional value (None -> "")."""
    return "" if value is None else str(value).strip()


def required_code(problems: list[Problem], field: str, value: object, label: str) -> str:
    """A required code: not empty, no inner whitespace, at most CODE_MAX characters."""
    code = text_of(value)
    if not code:
        problems.append(Problem(tr("{l}不能为空", "{l} is required", l=label), field))
    elif any(ch.isspace() for ch in code):
        problems.append(
            Problem(tr("{l}不能包含空格", "{l} must not contain spaces", l=label), field)
        )
    elif len(code) > CODE_MAX:
        problems.append(
            Problem(
                tr("{l}最长 {n} 个字符", "{l} is at most {n} characters", l=label, n=CODE_MAX),
                field,
            )
        )
    return code


def required_text(problems: list[Problem], field: str, value: object, label: str) -> str:
    text = text_of(value)
    if not text:
        problems.append(Problem(tr("{l}不能为空", "{l} is required", l=label), field))
    return optional_text(problems, field, text, label, NAME_MAX)


def optional_text(
    problems: list[Problem], field: str, value: object, label: str, limit: int = TEXT_MAX
) -> str:
    text = text_of(value)
    if len(text) > limit:
        problems.append(
            Problem(
                tr("{l}最长 {n} 个字符", "{l} is at most {n} characters", l=label, n=limit), field
            )
        )
    return text


def number(
    problems: list[Problem],
    field: str,
    value: object,
    places: int,
    label: str,
    minimum: Decimal | None = Decimal(0),
    maximum: Decimal | None = None,
    positive: bool = False,
) -> Decimal | None:
    """An exact decimal from a Decimal, int or text; floats and exponents are refused.

    Values needing more than `places` decimals are refused rather than rounded: the
    user typed them, so silently changing them would be wrong.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        value = 0
    try:
        d = money.D(value)
    except money.NotExactNumber:
        problems.append(
            Problem(
                tr("{l}不是有效的数字: {v}", "{l} is not a valid number: {v}", l=label, v=value),
                field,
            )
        )
        return None
    if money.places_of(d) > places:
        problems.append(
            Problem(
                tr(
                    "{l}最多 {p} 位小数", "{l} allows at most {p} decimal places", l=label, p=places
                ),
                field,
            )
        )
        return None
    if positive and d <= 0:
        problems.append(Problem(tr("{l}必须大于 0", "{l} must be greater than 0", l=label), field))
        return None
    if minimum is not None and d < minimum:
        problems.append(
            Problem(
                tr("{l}不能小于 {m}", "{l} must not be less than {m}", l=label, m=minimum), field
            )
        )
        return None
    if maximum is not None and d > maximum:
        problems.append(
            Problem(
                tr("{l}不能大于 {m}", "{l} must not be greater than {m}", l=label, m=maximum), field
            )
        )
        return None
    return d


def whole_number(
    problems: list[Problem], field: str, value: object, label: str, optional: bool = False
) -> int | None:
    """A whole number >= 0 (days); None allowed when optional."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None if optional else 0
    d = number(problems, field, value, 0, label)
    if d is None:
        return None
    return int(d)


def choice(problems: list[Problem], field: str, value: object, allowed, label: str) -> str:
    text = text_of(value)
    if text not in allowed:
        problems.append(
            Problem(
                tr(
                    "{l}无效: {v}（可选: {a}）",
                    "Invalid {l}: {v} (allowed: {a})",
                    l=label,
                    v=text,
                    a=" / ".join(allowed),
                ),
                field,
            )
        )
    return text


def get_or_fail(model, row_id, label_zh: str, label_en: str):
    row = model.get_or_none(model._meta.primary_key == row_id)
    if row is None:
        label = tr(label_zh, label_en)
        raise NotFound(tr("{l}不存在: {i}", "{l} not found: {i}", l=label, i=row_id))
    return row


def set_active(model, row_id, active: bool, action: str, label_zh: str, label_en: str) -> None:
    """Activates or deactivates a base-data row; a deactivated row stays for history."""
    with write_transaction():
        row = get_or_fail(model, row_id, label_zh, label_en)
        row.active = bool(active)
        row.save()
        audit(f"{action}.{'activate' if active else 'deactivate'}", str(row_id))


def delete_row(row, action: str, target: str, in_use: bool, label_zh: str, label_en: str) -> None:
    """Deletes a row that nothing refers to; otherwise tells the user to deactivate it."""
    refused = JxcError(
        tr(
            "{l} {t} 已被业务数据引用，不能删除；请改为停用。",
            "{l} {t} is used by business records and cannot be deleted; deactivate it instead.",
            l=tr(label_zh, label_en),
            t=target,
        )
    )
    if in_use:
        raise refused
    try:
        with write_transaction():
            row.delete_instance()
            audit(action, target)
    except IntegrityError as exc:
        # A table this module does not know about (BOMs, ...) still refers to the row.
        raise refused from exc
