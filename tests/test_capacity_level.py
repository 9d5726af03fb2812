"""有限产能排程 by the book: two work centres, three orders competing for capacity, a
holiday, a shift change and overtime, with the start, finish and lateness a planner
works out by hand.

Week of Mon 2026-01-05, company week Mon-Fri. Centre A (下料) 8 h a day. Centre B (装配)
8 h a day, two shifts of 8 h from Wed 01-07 (the shift change). Thu 01-08 is a company
holiday. Product P: A setup 2 h + 1 h/unit, then B 0.5 h/unit. Product Q: A 2 h/unit.

  WO1 P×10 due 01-06: A 12 h = 01-05 8 + 01-06 4; B 5 h on 01-06.     on time
  WO2 Q×5  due 01-07: A 10 h = 01-06 4 + 01-07 6.                     on time
  WO3 P×20 due 01-12: A 22 h = 01-07 2, (01-08 holiday), 01-09 8, (weekend),
                      01-12 8, 01-13 4; B 10 h on 01-13 (16 h since the change).
                      finishes 01-13: 1 day late.
"""

import datetime as dt
from decimal import Decimal

import pytest
from capacity_helpers import MON, build_shop, route, work_order
from production_helpers import cli_json, item

from jxc_desktop.engine.errors import ValidationError
from jxc_desktop.engine.production import capacity_calendar as cc
from jxc_desktop.engine.production import capacity_level as cl
from jxc_desktop.models.company import AuditLog
from jxc_desktop.models.production import WorkCentre, WorkOrderSchedule

D = dt.date


@pytest.fixture
def shop(company):
    return company, build_shop()


def _summary(schedule):
    return [(o.number, o.start, o.finish, o.lateness) for o in schedule.orders]


def test_calendar_hours(shop):
    cal = cc.Calendar.load()
    a, b = (WorkCentre.get(WorkCentre.code == c).id for c in "AB")
    days = [MON + dt.timedelta(days=i) for i in range(7)]
    assert [cal.hours(a, d) for d in days] == [8, 8, 8, 0, 8, 0, 0]
    assert [cal.hours(b, d) for d in days] == [8, 8, 16, 0, 16, 0, 0]


def test_three_orders_two_centres(shop):
    _db, (wo1, wo2, wo3) = shop
    schedule = cl.level(MON)
    assert _summary(schedule) == [
        (wo1, MON, D(2026, 1, 6), 0),
        (wo2, D(2026, 1, 6), D(2026, 1, 7), 0),
        (wo3, D(2026, 1, 7), D(2026, 1, 13), 1),
    ]
    third = schedule.orders[2]
    assert third.late and third.hours == Decimal(32)
    assert [(op.centre, op.start, op.finish) for op in third.operations] == [
        ("A", D(2026, 1, 7), D(2026, 1, 13)),
        ("B", D(2026, 1, 13), D(2026, 1, 13)),
    ]
    grid = {(r["work_centre"], r["date"]): r for r in schedule.load_rows()}
    assert grid[("A", D(2026, 1, 6))]["scheduled"] == 8
    assert grid[("A", D(2026, 1, 6))]["orders"] == f"{wo1}, {wo2}"
    assert grid[("A", D(2026, 1, 8))]["capacity"] == 0
    assert grid[("A", D(2026, 1, 8))]["orders"] == ""  # nothing is worked on the holiday
    assert grid[("A", D(2026, 1, 7))]["orders"] == f"{wo2}, {wo3}"
    assert grid[("A", D(2026, 1, 13))]["scheduled"] == 4
    assert grid[("B", D(2026, 1, 13))]["capacity"] == 16
    assert grid[("B", D(2026, 1, 13))]["free"] == 6
    assert sum(r["scheduled"] for r in grid.values()) == Decimal(59)  # 12+5+10+22+10


def test_overtime_and_single_shift(shop):
    _db, (_wo1, _wo2, wo3) = shop
    cc.set_day(D(2026, 1, 10), "overtime", "4", centre="A")  # Saturday overtime
    assert _summary(cl.level(MON))[2] == (wo3, D(2026, 1, 7), D(2026, 1, 12), 0)
    cc.remove_day(D(2026, 1, 10), "A")
    cc.remove_shifts("B", D(2026, 1, 7))  # B back to one shift: its 10 h take two days
    assert _summary(cl.level(MON))[2] == (wo3, D(2026, 1, 7), D(2026, 1, 14), 2)


def test_due_date_first_ties_by_number_and_later_start(shop):
    _db, (wo1, wo2, wo3) = shop
    late_start = work_order(D(2026, 1, 12), "Q", 1, D(2026, 1, 6))  # due first, starts later
    schedule = cl.level(MON)
    assert [o.number for o in schedule.orders] == [wo1, late_start, wo2, wo3]
    first = schedule.orders[1]
    assert (first.start, first.finish, first.lateness) == (D(2026, 1, 12), D(2026, 1, 12), 6)


def test_planned_and_in_progress_orders(shop):
    _db, (wo1, wo2, wo3) = shop
    draft = work_order(MON, "Q", 1, D(2026, 1, 20), approve=False)
    schedule = cl.level(MON)
    assert schedule.orders[-1].number == draft and schedule.orders[-1].status == "planned"
    assert [o.status for o in schedule.orders[:3]] == ["released"] * 3


def test_apply_stores_dates_in_one_audited_step(shop, capsys):
    db, (wo1, wo2, wo3) = shop
    out = cli_json(
        capsys, db, "capacity", "level", "--from", "2026-01-05", "--apply", "--format", "json"
    )
    assert out["applied"] is True
    rows = {r["number"]: r for r in out["orders"]}
    assert rows[wo3]["finish"] == "2026-01-13" and rows[wo3]["lateness"] == 1
    assert rows[wo3]["hours"] == "32.0000" and rows[wo3]["late"] is True
    stored = {r.document.number: (r.start, r.finish) for r in WorkOrderSchedule.select()}
    assert stored[wo2] == (D(2026, 1, 6), D(2026, 1, 7))
    assert len(stored) == 3
    assert AuditLog.select().where(AuditLog.action == "capacity.apply").count() == 1
    # the load report now spreads each order over its planned dates, on working days
    load = cli_json(
        capsys,
        db,
        "report",
        "capacity",
        "--from",
        "2026-01-07",
        "--to",
        "2026-01-13",
        "--option",
        "planned=no",
        "--format",
        "json",
    )
    a = {r["date"]: r for r in load if r["work_centre"] == "A"}
    assert a["2026-01-08"]["capacity"] == "0.0000" and a["2026-01-08"]["load"] == "0.0000"
    assert a["2026-01-10"]["load"] == "0.0000"  # Saturday: closed in a Mon-Fri week


def test_calendar_validation_collects_every_problem(shop):
    with pytest.raises(ValidationError) as err:
        cc.set_shifts("A", MON, "9", "30", "89")
    assert [p.field for p in err.value.problems] == ["weekdays", "shifts", "shift_hours"]
    with pytest.raises(ValidationError):
        cc.set_day(MON, "overtime", "0", centre="A")


def test_unschedulable_order_takes_nothing(shop):
    _db, (wo1, _wo2, _wo3) = shop
    WorkCentre.create(code="C", name="喷涂", capacity_hours=Decimal(0))
    item("R", "make")
    route("R", 10, WorkCentre.get(WorkCentre.code == "A"), "1", "0")
    route("R", 20, WorkCentre.get(WorkCentre.code == "C"), "1", "0")
    number = work_order(MON, "R", 1, D(2026, 1, 5))
    schedule = cl.level(MON, horizon_days=30)
    stuck = next(o for o in schedule.orders if o.number == number)
    assert stuck.start is None and "C" in stuck.problem
    assert schedule.orders[1].number == wo1  # R (due 01-05) went first and gave A back
    assert schedule.orders[1].start == MON and schedule.orders[1].finish == D(2026, 1, 6)


def test_cli_calendar_commands(shop, capsys):
    db, _numbers = shop
    from jxc_desktop.cli import main

    assert (
        main(
            [
                "--db",
                str(db),
                "capacity",
                "day",
                "2026-01-09",
                "overtime",
                "--hours",
                "2",
                "--centre",
                "A",
            ]
        )
        == 0
    )
    assert (
        main(
            [
                "--db",
                str(db),
                "capacity",
                "shift",
                "A",
                "--from",
                "2026-02-01",
                "--shifts",
                "2",
                "--hours",
                "7.5",
            ]
        )
        == 0
    )
    cal = cli_json(capsys, db, "capacity", "calendar", "A")
    assert [(s["effective_from"], s["hours"], s["weekdays"]) for s in cal["shifts"]] == [
        ("2026-02-01", "15.0000", "12345")
    ]
    assert [(d["day"], d["kind"], d["hours"]) for d in cal["days"]] == [
        ("2026-01-08", "closed", None),
        ("2026-01-09", "overtime", "2.0000"),
    ]
    assert (
        main(["--db", str(db), "capacity", "shift", "A", "--from", "2026-02-01", "--shifts", "x"])
        == 1
    )


def test_in_progress_order_keeps_its_dates_and_loads_what_is_left(shop):
    from inventory_helpers import doc

    from jxc_desktop.engine.documents import LineInput

    _db, (wo1, wo2, wo3) = shop
    doc("CPRK", MON, [LineInput(item="P", qty="5", price="10", cost_object=wo3)])
    schedule = cl.apply_level(MON)
    third = schedule.orders[2]
    assert (third.number, third.status, third.qty) == (wo3, "in_progress", Decimal(15))
    assert third.hours == Decimal("24.5")  # A 2 + 15, B 7.5
    assert (third.start, third.finish, third.lateness) == (D(2026, 1, 7), D(2026, 1, 12), 0)
    stored = {r.document.number for r in WorkOrderSchedule.select()}
    assert stored == {wo1, wo2}  # an order in progress keeps the dates it runs on


def test_random_orders_never_exceed_capacity_and_keep_every_hour(shop):
    import random

    rng = random.Random(6)
    for _ in range(25):
        start = MON + dt.timedelta(days=rng.randrange(10))
        due = start + dt.timedelta(days=rng.randrange(1, 15))
        work_order(start, rng.choice("PQ"), rng.randrange(1, 30), due, approve=rng.random() < 0.8)
    schedule = cl.level(MON)
    cal = cc.Calendar.load()
    for (cid, day), used in schedule.used.items():
        assert 0 <= used <= cal.hours(cid, day)
    assert sum(schedule.used.values()) == sum(o.hours for o in schedule.orders)
    for o in schedule.orders:
        assert o.start >= max(MON, o.earliest)
        assert all(
            a.finish <= b.start for a, b in zip(o.operations, o.operations[1:], strict=False)
        )
    keys = [(o.due, o.number) for o in schedule.orders]
    assert keys == sorted(keys)


def test_import_work_calendar_all_or_nothing(shop, tmp_path, capsys):
    from production_helpers import write_csv

    from jxc_desktop.cli import main
    from jxc_desktop.models.production import CentreDay

    db, _numbers = shop
    head = ["日期", "类型", "小时", "工作中心", "备注"]
    bad = write_csv(
        tmp_path / "bad.csv",
        head,
        [
            ["2026-02-17", "停工", "", "", "春节"],
            ["2026-02-30", "加班", "2", "A", ""],
            ["2026-02-21", "加班", "", "X", ""],
            ["2026-02-17", "停工", "", "", "again"],
        ],
    )
    capsys.readouterr()
    assert main(["--db", str(db), "import", "work-calendar", str(bad)]) == 1
    err = capsys.readouterr().err
    for text in ("3", "日期", "4", "小时", "工作中心", "5"):
        assert text in err
    assert CentreDay.select().count() == 1  # only the shop's own holiday
    good = write_csv(
        tmp_path / "good.csv",
        head,
        [
            ["2026-02-17", "停工", "", "", "春节"],
            ["2026-02-18", "closed", "", "", "春节"],
            ["2026-02-21", "加班", "4", "A", "调休"],
        ],
    )
    assert main(["--db", str(db), "import", "work-calendar", str(good)]) == 0
    assert "3" in capsys.readouterr().out
    cal = cc.Calendar.load()
    a = WorkCentre.get(WorkCentre.code == "A").id
    assert cal.hours(a, D(2026, 2, 17)) == 0
    assert cal.hours(a, D(2026, 2, 21)) == 4  # a Saturday in a Mon-Fri week, worked


def test_hours_that_are_not_a_number_are_named_as_such(company):
    with pytest.raises(ValidationError) as refused:
        cc.set_day(dt.date(2026, 5, 1), "overtime", "abc")
    [problem] = refused.value.problems
    assert "不是数字" in problem.message and "abc" in problem.message
    assert problem.field == "hours"
