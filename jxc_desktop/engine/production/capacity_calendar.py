"""工作日历: the hours a work centre can work on each day.

A day's hours come from three layers, the last that applies wins:
1. the company's working week (setting `work_week`: mon_sat / mon_fri, or all — the
   default, so that a company that sets nothing keeps what capacity meant before
   calendars existed: capacity_hours every day) at the centre's capacity_hours;
2. the centre's 班次 pattern in effect that day (CentreShift: from a date on, working
   weekdays, shifts × hours per shift);
3. a dated exception (CentreDay): `closed` (holiday: no hours) or `overtime` (extra
   hours on top of the day's, also on a normally closed day — a 调休 Saturday). A
   centre's own exception replaces a company-wide one (no centre) on the same day.
`Calendar` reads all of it once and answers day by day without further queries.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from jxc_desktop.engine import money, settings
from jxc_desktop.engine.errors import NotFound, Problem, ValidationError
from jxc_desktop.engine.i18n import get_language, tr
from jxc_desktop.engine.session import audit
from jxc_desktop.models.db import write_transaction
from jxc_desktop.models.production import CentreDay, CentreShift, WorkCentre

ZERO = Decimal(0)
WORK_WEEKS = {"mon_sat": "123456", "mon_fri": "12345", "all": "1234567"}
DAY_KINDS = ("closed", "overtime")


@dataclass(frozen=True)
class Pattern:
    effective_from: dt.date
    weekdays: str
    shifts: int
    shift_hours: Decimal

    @property
    def hours(self) -> Decimal:
        """Hours on a working weekday: shifts × hours per shift."""
        return money.qty(self.shift_hours * self.shifts)


class Calendar:
    """Every centre's hours per day, read once (patterns and exceptions)."""

    def __init__(self, week: str, base: dict[int, Decimal], patterns, days):
        self.week = week
        self.base = base  # centre id → capacity_hours
        self.patterns: dict[int, list[Pattern]] = patterns
        self.starts = {cid: [p.effective_from for p in ps] for cid, ps in patterns.items()}
        self.days: dict[tuple[int | None, dt.date], CentreDay] = days

    @classmethod
    def load(cls) -> Calendar:
        """The calendar as the database holds it now."""
        base = {c.id: c.capacity_hours for c in WorkCentre.select()}
        patterns: dict[int, list[Pattern]] = {}
        for row in CentreShift.select().order_by(CentreShift.effective_from):
            patterns.setdefault(row.work_centre_id, []).append(
                Pattern(row.effective_from, row.weekdays, row.shifts, row.shift_hours)
            )
        days = {(row.work_centre_id, row.day): row for row in CentreDay.select()}
        return cls(company_week(), base, patterns, days)

    def pattern(self, centre_id: int, day: dt.date) -> Pattern | None:
        """The 班次 pattern in effect on `day`, or None (the company week applies)."""
        starts = self.starts.get(centre_id, [])
        i = bisect.bisect_right(starts, day)
        return self.patterns[centre_id][i - 1] if i else None

    def regular(self, centre_id: int, day: dt.date) -> Decimal:
        """The day's hours before exceptions."""
        p = self.pattern(centre_id, day)
        weekdays, hours = (p.weekdays, p.hours) if p else (self.week, self.base.get(centre_id))
        return (hours or ZERO) if str(day.isoweekday()) in weekdays else ZERO

    def exception(self, centre_id: int, day: dt.date) -> CentreDay | None:
        return self.days.get((centre_id, day)) or self.days.get((None, day))

    def hours(self, centre_id: int, day: dt.date) -> Decimal:
        """Hours the centre can work on `day` (0 when closed)."""
        exc = self.exception(centre_id, day)
        if exc is not None and exc.kind == "closed":
            return ZERO
        extra = exc.hours if exc is not None else ZERO
        return self.regular(centre_id, day) + extra

    def is_open(self, centre_id: int, day: dt.date) -> bool:
        return self.hours(centre_id, day) > 0


def company_week() -> str:
    """ISO weekday digits of the company's working week (setting work_week)."""
    return WORK_WEEKS.get(settings.get("work_week"), WORK_WEEKS["all"])


def parse_weekdays(text: str | None) -> str | None:
    """'mon_fri' / 'mon_sat' / 'all' or ISO digits ('12345') → sorted digits; None if bad."""
    text = (text or "").strip().lower()
    if text in WORK_WEEKS:
        return WORK_WEEKS[text]
    if not text or any(ch not in "1234567" for ch in text):
        return None
    return "".join(sorted(set(text)))


def weekdays_label(digits: str) -> str:
    """'123456' → 周一至周六 (Mon–Sat); '135' → 周一、周三、周五, in the user's language."""
    zh = ["周" + ch for ch in "一二三四五六日"]
    en = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    names = zh if get_language() == "zh_CN" else en
    picked = [int(d) - 1 for d in digits]
    if not picked:
        return tr("无", "None")
    if len(picked) >= 3 and picked == list(range(picked[0], picked[-1] + 1)):
        return tr("{a}至{b}", "{a}–{b}", a=names[picked[0]], b=names[picked[-1]])
    return tr("、", ", ").join(names[i] for i in picked)


def _centre(code: str) -> WorkCentre:
    centre = WorkCentre.get_or_none(WorkCentre.code == (code or "").strip())
    if centre is None:
        raise NotFound(tr("找不到工作中心 {c}", "No work centre {c}", c=code))
    return centre


def _hours(value, field: str, problems: list[Problem]) -> Decimal | None:
    try:
        hours = money.qty(value)
    except (ValueError, TypeError, ArithmeticError, money.NotExactNumber):
        problems.append(
            Problem(
                tr("小时数不是数字：{v}", "The hours are not a number: {v}", v=value), field=field
            )
        )
        return None
    if hours < 0 or hours > 24:
        problems.append(
            Problem(tr("小时数应在 0 到 24 之间", "Hours must be between 0 and 24"), field=field)
        )
        return None
    return hours


def set_shifts(
    centre: str, effective_from: dt.date, shifts, shift_hours, weekdays: str | None = None
) -> None:
    """Sets a centre's 班次 from `effective_from` on (replacing a pattern from that day).

    `weekdays`: ISO digits or mon_sat / mon_fri / all; empty = the company's week.
    Every problem is reported at once; nothing is written unless all are fine.
    """
    wc = _centre(centre)
    problems: list[Problem] = []
    days = parse_weekdays(weekdays) if (weekdays or "").strip() else company_week()
    if days is None:
        problems.append(
            Problem(
                tr("工作日应为 1-7 的数字（周一=1）", "Weekdays are digits 1-7 (Monday = 1)"),
                field="weekdays",
            )
        )
    try:
        count = int(str(shifts).strip())
    except ValueError:
        count = -1
    if not 0 <= count <= 4:
        problems.append(Problem(tr("班次应为 0 到 4", "Shifts must be 0 to 4"), field="shifts"))
    hours = _hours(shift_hours, "shift_hours", problems)
    if hours is not None and count > 0 and hours * count > 24:
        problems.append(
            Problem(
                tr("一天不能超过 24 小时", "A day cannot have more than 24 hours"),
                field="shift_hours",
            )
        )
    if problems:
        raise ValidationError(problems)
    with write_transaction():
        CentreShift.delete().where(
            (CentreShift.work_centre == wc) & (CentreShift.effective_from == effective_from)
        ).execute()
        CentreShift.create(
            work_centre=wc,
            effective_from=effective_from,
            weekdays=days,
            shifts=count,
            shift_hours=hours,
        )
        audit("capacity.shift", wc.code, f"{effective_from} {days} {count}x{hours}")


def remove_shifts(centre: str, effective_from: dt.date) -> bool:
    """Removes the centre's pattern starting on that day; False if there was none."""
    wc = _centre(centre)
    with write_transaction():
        gone = (
            CentreShift.delete()
            .where((CentreShift.work_centre == wc) & (CentreShift.effective_from == effective_from))
            .execute()
        )
        if gone:
            audit("capacity.shift_removed", wc.code, str(effective_from))
    return bool(gone)


def set_day(day: dt.date, kind: str, hours=0, centre: str = "", remarks: str = "") -> None:
    """Records a holiday (closed) or overtime (extra hours) on one day, for one centre or
    (no centre) for all; replaces what that centre had on that day."""
    wc = _centre(centre) if (centre or "").strip() else None
    problems: list[Problem] = []
    if kind not in DAY_KINDS:
        problems.append(
            Problem(tr("类型应为 停工 或 加班", "Kind must be closed or overtime"), field="kind")
        )
    amount = _hours(hours or 0, "hours", problems)
    if kind == "overtime" and amount is not None and amount <= 0:
        problems.append(Problem(tr("加班小时数必须大于零", "Overtime needs hours"), field="hours"))
    if problems:
        raise ValidationError(problems)
    with write_transaction():
        _delete_day(day, wc)
        CentreDay.create(
            work_centre=wc,
            day=day,
            kind=kind,
            hours=amount if kind == "overtime" else ZERO,
            remarks=remarks or "",
        )
        audit(f"capacity.{kind}", wc.code if wc else "*", f"{day} {amount}")


def _delete_day(day: dt.date, wc: WorkCentre | None) -> int:
    where = CentreDay.work_centre.is_null() if wc is None else CentreDay.work_centre == wc
    return CentreDay.delete().where(where & (CentreDay.day == day)).execute()


def remove_day(day: dt.date, centre: str = "") -> bool:
    """Removes the exception of that centre (or the company-wide one) on that day."""
    wc = _centre(centre) if (centre or "").strip() else None
    with write_transaction():
        gone = _delete_day(day, wc)
        if gone:
            audit("capacity.day_removed", wc.code if wc else "*", str(day))
    return bool(gone)


def calendar_rows(centre: str) -> dict[str, list[dict]]:
    """A centre's calendar for display: its shift patterns and the exceptions that
    apply to it (its own and the company-wide ones), by date."""
    wc = _centre(centre)
    shifts = [
        {
            "effective_from": p.effective_from,
            "weekdays": p.weekdays,
            "weekdays_label": weekdays_label(p.weekdays),
            "shifts": p.shifts,
            "shift_hours": p.shift_hours,
            "hours": money.qty(p.shift_hours * p.shifts),
        }
        for p in CentreShift.select()
        .where(CentreShift.work_centre == wc)
        .order_by(CentreShift.effective_from)
    ]
    query = CentreDay.select().where(
        (CentreDay.work_centre == wc) | CentreDay.work_centre.is_null()
    )
    days = [
        {
            "day": d.day,
            "kind": d.kind,
            "kind_label": tr("停工", "Closed") if d.kind == "closed" else tr("加班", "Overtime"),
            "hours": d.hours if d.kind == "overtime" else None,
            "scope": wc.code if d.work_centre_id else tr("全部", "All"),
            "remarks": d.remarks,
        }
        for d in query.order_by(CentreDay.day, CentreDay.id)
    ]
    return {"shifts": shifts, "days": days}


def demo_calendar(first_day: dt.date) -> None:
    """The demo company's calendar: a Mon–Sat week, the assembly line on two 8-hour
    shifts, and the fixed-date public holidays (元旦, 劳动节, 国庆) of two years."""
    if settings.get("work_week") == "all":
        settings.set_value("work_week", "mon_sat")
    if WorkCentre.get_or_none(WorkCentre.code == "WC-ASM") is not None:
        set_shifts("WC-ASM", first_day, 2, "8", "mon_sat")
    for year in (first_day.year, first_day.year + 1):
        holidays = [(1, 1, "元旦"), (5, 1, "劳动节")] + [(10, d, "国庆") for d in range(1, 8)]
        for month, day, name in holidays:
            set_day(dt.date(year, month, day), "closed", remarks=name)
