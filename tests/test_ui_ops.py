"""The operations helper: background jobs, progress, errors, the changed signal."""

from __future__ import annotations

import threading

from jxc_desktop.engine.errors import JxcError, Problem, ValidationError
from jxc_desktop.models.masterdata import Unit
from jxc_desktop.ui import messages
from jxc_desktop.ui.ops import Ops


def test_background_job_reports_progress_and_changes(qtbot, company):
    ops = Ops()
    seen, results, threads = [], [], []
    ops.changed.connect(seen.append)

    def job(progress, should_stop):
        threads.append(threading.current_thread())
        for i in range(3):
            progress(i + 1, 3)
        from jxc_desktop.engine.masterdata import save_unit

        return save_unit("托").name

    ops.run_in_background(job, title="…", changed="units", on_success=results.append)
    qtbot.waitUntil(lambda: not ops.busy(), timeout=5000)
    assert results == ["托"] and seen == ["units"]
    assert threads[0] is not threading.main_thread()
    assert Unit.get_or_none(Unit.name == "托") is not None  # visible to the GUI thread
    ops.shutdown()


def test_jobs_run_one_at_a_time_in_order(qtbot, company):
    ops = Ops()
    order, active = [], []

    def job(n):
        def run(progress, should_stop):
            active.append(n)
            assert len(active) == 1  # never two engine calls at once
            order.append(n)
            active.remove(n)

        return run

    for n in range(4):
        ops.run_in_background(job(n), title="…")
    qtbot.waitUntil(lambda: not ops.busy(), timeout=5000)
    assert order == [0, 1, 2, 3]
    ops.shutdown()


def test_errors_become_messages_or_go_to_the_caller(qtbot, company):
    ops = Ops()
    before = len(messages.shown)

    def fail():
        raise JxcError("库存不足")

    ok, exc = ops.run(fail)
    assert not ok and isinstance(exc, JxcError)
    assert messages.shown[-1].text() == "库存不足"
    handled = []

    def invalid(progress, should_stop):
        raise ValidationError([Problem("a", "code"), Problem("b", "name")])

    ops.run_in_background(invalid, title="…", on_failure=lambda e: handled.append(e) or True)
    qtbot.waitUntil(lambda: not ops.busy(), timeout=5000)
    assert len(handled[0].problems) == 2
    assert len(messages.shown) == before + 1  # the handled failure showed no box
    for box in list(messages.shown):
        box.close()
    ops.shutdown()
