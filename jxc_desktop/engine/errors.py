"""One root exception; user errors carry translated text and where the problem is."""

from __future__ import annotations

from dataclasses import dataclass

from jxc_desktop.engine.i18n import tr


class JxcError(Exception):
    """Every error the engine reports to a user."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass(frozen=True)
class Problem:
    """One validation problem: a field (or spreadsheet row and column) and a message."""

    message: str
    field: str | None = None
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(tr("第 {row} 行", "row {row}", row=self.row))
        if self.column:
            where.append(tr("{column} 列", "column {column}", column=self.column))
        elif self.field:
            where.append(self.field)
        prefix = ", ".join(where)
        return f"{prefix}: {self.message}" if prefix else self.message


class ValidationError(JxcError):
    """All the problems found at once; nothing was written."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class NotFound(JxcError):
    pass


class StateError(JxcError):
    """An action that the document's state does not allow."""


class DatabaseBusy(JxcError):
    def __init__(self):
        super().__init__(
            tr(
                "数据库正忙（其他用户正在写入），未写入任何数据，请稍后重试。",
                "The database is busy (another user is writing); nothing was written. Try again.",
            )
        )


class SchemaError(JxcError):
    """The database file cannot be used by this version of the program."""


def require(problems: list[Problem]) -> None:
    """Raises ValidationError when the list of problems is not empty."""
    if problems:
        raise ValidationError(problems)
