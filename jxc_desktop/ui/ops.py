"""Running engine calls from the GUI, in the spirit of Anki's CollectionOp / QueryOp.

Short writes run at once on the GUI thread (a save takes milliseconds). Long work
(imports, exports) runs on ONE worker thread with a progress dialog; jobs queue so the
engine is never entered by two workers at once. Either way, engine errors become
message boxes (or go to the caller's handler), and a successful write emits
`changed(what)` so lists refresh themselves.

Two queues: what the user asked for runs first; `quiet` background reads (dashboard
counts) wait until no user job is queued, and a newer quiet job with the same `key`
replaces a waiting one. A job's `parent` is its owner: when the owner is destroyed
(a language switch rebuilds every page) a waiting quiet job is dropped, a user job
still runs (its data must not be lost) without a dialog, and no callback of the dead
owner is called. A callback that raises never stops the queue.
"""

from __future__ import annotations

import threading
import traceback
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget
from shiboken6 import isValid

from jxc_desktop.engine.errors import JxcError, ValidationError
from jxc_desktop.models.db import database
from jxc_desktop.ui import messages
from jxc_desktop.ui.i18n import tr

Progress = Callable[[int, int], None]
StopFlag = Callable[[], bool]


def report_error(parent: QWidget | None, exc: BaseException) -> None:
    """Shows an engine error to the user; anything else is a bug, shown with its traceback."""
    if isinstance(exc, ValidationError):
        messages.problems(parent, exc.problems)
    elif isinstance(exc, JxcError):
        messages.error(parent, exc.message)
    else:
        details = "".join(traceback.format_exception(exc))
        print(details)  # a bug: keep the trace on the console as well
        messages.error(parent, tr("程序出错：{e}").format(e=exc), details)


def _safely(handler: Callable[[BaseException], bool], exc: BaseException) -> bool:
    """Runs a failure handler; one that raises counts as "not handled"."""
    try:
        return bool(handler(exc))
    except Exception:
        traceback.print_exc()
        return False


def _stop_thread(thread: QThread) -> None:
    if isValid(thread) and thread.isRunning():
        thread.quit()
        thread.wait()


@dataclass
class Job:
    fn: Callable[[Progress, StopFlag], Any]
    title: str
    changed: str | None
    on_success: Callable[[Any], None] | None
    on_failure: Callable[[BaseException], bool] | None
    parent: QWidget | None
    cancellable: bool = False
    quiet: bool = False  # a background read the user did not ask for: no dialog
    key: str | None = None  # quiet jobs: a newer job with the same key replaces this one
    stop: threading.Event = field(default_factory=threading.Event)
    orphan: bool = False  # its owner was destroyed: run without dialog or callbacks

    def owner_gone(self) -> bool:
        return self.orphan or (self.parent is not None and not isValid(self.parent))


class _Runner(QObject):
    """Lives on the worker thread; runs one job at a time."""

    progressed = Signal(int, int)
    finished = Signal(bool, object)

    @Slot(object)
    def run(self, job: Job) -> None:
        try:
            result = job.fn(lambda done, total: self.progressed.emit(done, total), job.stop.is_set)
            ok = True
        except BaseException as exc:  # reported on the GUI thread
            result, ok = exc, False
        finally:
            db = database.obj
            if db is not None and not db.in_transaction():
                db.close()  # this thread's own connection; the GUI thread keeps its own
        self.finished.emit(ok, result)


class Ops(QObject):
    """The one way the GUI runs engine work."""

    changed = Signal(str)  # what changed: "items", "customers", ... or "*" for everything
    _start = Signal(object)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._thread: QThread | None = None
        self._runner: _Runner | None = None
        self._queue: deque[Job] = deque()  # what the user asked for, in order
        self._quiet: deque[Job] = deque()  # background reads: after the user's jobs
        self._current: Job | None = None
        self._dialog: QProgressDialog | None = None
        self._closed = False

    # -- short work on the GUI thread ---------------------------------------------------
    def run(
        self,
        fn: Callable[[], Any],
        *,
        parent: QWidget | None = None,
        changed: str | None = None,
        on_failure: Callable[[BaseException], bool] | None = None,
    ) -> tuple[bool, Any]:
        """Runs fn now; returns (ok, result). on_failure returning True means handled."""
        try:
            result = fn()
        except Exception as exc:
            if not (on_failure and on_failure(exc)):
                report_error(parent, exc)
            return False, exc
        if changed:
            self.changed.emit(changed)
        return True, result

    # -- long work on the worker thread -------------------------------------------------
    def run_in_background(
        self,
        fn: Callable[[Progress, StopFlag], Any],
        *,
        title: str,
        parent: QWidget | None = None,
        changed: str | None = None,
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[BaseException], bool] | None = None,
        cancellable: bool = False,
        quiet: bool = False,
        key: str | None = None,
    ) -> Job:
        """Queues fn(progress, should_stop); results come back on the GUI thread.

        Only a job whose fn checks should_stop is `cancellable`; the others show no
        cancel button, so the dialog never offers what it cannot do. A `quiet` job is a
        background read: no dialog, run after every user job; with a `key` it replaces
        a waiting quiet job of the same key (a refresh asked for twice runs once).
        """
        job = Job(fn, title, changed, on_success, on_failure, parent, cancellable, quiet, key)
        if quiet:
            if key is not None:
                self._quiet = deque(j for j in self._quiet if j.key != key)
            self._quiet.append(job)
        else:
            self._queue.append(job)
        self._next()
        return job

    def busy(self) -> bool:
        return self._current is not None or bool(self._queue) or bool(self._quiet)

    def user_busy(self) -> bool:
        """A job the user asked for is running or waiting (background reads aside)."""
        running = self._current is not None and not self._current.quiet
        return running or bool(self._queue)

    def _ensure_thread(self) -> None:
        if self._thread is not None:
            return
        self._thread = QThread()
        self._thread.setObjectName("jxc-engine-worker")
        self._runner = _Runner()
        self._runner.moveToThread(self._thread)
        self._start.connect(self._runner.run, Qt.ConnectionType.QueuedConnection)
        self._runner.progressed.connect(self._on_progress)
        self._runner.finished.connect(self._on_finished)
        self._thread.start()
        thread = self._thread
        # A safety net: never let Qt destroy a running thread (that aborts the process).
        self.destroyed.connect(lambda *_args: _stop_thread(thread))
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)  # never leave the thread running at exit

    def _next(self) -> None:
        if self._closed:
            self._queue.clear()  # the window is closing: nothing new starts
            self._quiet.clear()
            return
        if self._current is not None:
            return
        job = self._pop()
        if job is None:
            return
        self._ensure_thread()
        self._current = job
        if not job.quiet and not job.orphan:
            self._dialog = self._progress_dialog(job)
        self._start.emit(job)

    def _pop(self) -> Job | None:
        """The next job: the user's first; a quiet job whose owner is gone is dropped."""
        while self._queue or self._quiet:
            job = (self._queue or self._quiet).popleft()
            if not job.owner_gone():
                return job
            if not job.quiet:
                job.orphan = True  # a write of a closed page still happens
                return job
        return None

    def _progress_dialog(self, job: Job) -> QProgressDialog:
        dialog = QProgressDialog(job.title, tr("取消"), 0, 0, job.parent)
        dialog.setWindowTitle(tr("请稍候"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)  # quick jobs never flash a dialog
        if job.cancellable:
            dialog.canceled.connect(job.stop.set)
        else:
            dialog.setCancelButton(None)
        return dialog

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        if self._dialog is not None and isValid(self._dialog):  # dies with its owner
            self._dialog.setMaximum(max(total, 0))
            self._dialog.setValue(min(done, total) if total else 0)

    @Slot(bool, object)
    def _on_finished(self, ok: bool, result: Any) -> None:
        job, self._current = self._current, None
        dialog, self._dialog = self._dialog, None
        try:
            if dialog is not None and isValid(dialog):
                dialog.reset()
                dialog.deleteLater()
            if ok and job.changed:
                self.changed.emit(job.changed)
            self._deliver(job, ok, result)
        finally:
            self._next()  # whatever a callback did, the queue goes on

    def _deliver(self, job: Job, ok: bool, result: Any) -> None:
        """Hands the result to the job's owner; a callback that raises goes to the
        owner's on_failure (so a form waiting for its save is released), else a box."""
        if job.owner_gone():
            if not ok and not job.quiet:
                report_error(None, result)  # nobody left to show it: say it anyway
            return
        try:
            if ok:
                if job.on_success:
                    job.on_success(result)
                return
            if not (job.on_failure and job.on_failure(result)):
                report_error(job.parent, result)
        except Exception as exc:
            handled = ok and job.on_failure is not None and _safely(job.on_failure, exc)
            if not handled:
                report_error(None, exc)

    def shutdown(self) -> None:
        """Stops the worker thread (after the running job); call when the window closes."""
        self._closed = True
        self._queue.clear()
        self._quiet.clear()
        if self._current is not None:
            self._current.stop.set()
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()
            self._thread = None
            self._runner = None
