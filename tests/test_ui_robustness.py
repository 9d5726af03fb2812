"""GUI robustness: jobs whose owner is gone, language switches, background refreshes."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QLabel, QTabWidget, QWidget
from shiboken6 import isValid

from jxc_desktop.ui.i18n import apply_language
from jxc_desktop.ui.ops import Ops
from tests.ui_helpers import make_window


@pytest.fixture
def back_to_chinese():
    """The tests that switch to English leave the next test in Chinese, pass or fail."""
    yield
    apply_language("zh_CN")


def flush_deletes() -> None:
    """Runs the deleteLater()s a rebuild posted (the event loop would, a moment later)."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_a_switch_while_a_job_runs_keeps_the_queue_alive(qtbot, company, tmp_path, back_to_chinese):
    window = make_window(qtbot, company, tmp_path)
    window.select_tab("inventory")
    ops, page = window.ops, window.pages["inventory"]
    balance = page.select_key("balance")
    qtbot.waitUntil(lambda: not ops.busy(), timeout=5000)
    gate, late = threading.Event(), []
    ops.run_in_background(lambda _p, _s: gate.wait(5), title="slow", parent=balance)
    ops.run_in_background(lambda _p, _s: 1, title="queued", parent=balance, on_success=late.append)
    window.switch_language("en")
    flush_deletes()
    assert not isValid(balance)  # its page was rebuilt while its jobs ran or waited
    gate.set()
    qtbot.waitUntil(lambda: not ops.busy(), timeout=5000)
    assert late == []  # the dead view's callback was not called
    done = []
    ops.run_in_background(lambda _p, _s: 2, title="save", parent=window, on_success=done.append)
    qtbot.waitUntil(lambda: done == [2], timeout=5000)


def test_a_quiet_job_of_a_destroyed_page_is_dropped(qtbot, company):
    ops, gate, ran = Ops(), threading.Event(), []
    owner = QWidget()
    ops.run_in_background(lambda _p, _s: gate.wait(5), title="running")
    ops.run_in_background(lambda _p, _s: ran.append(1), title="count", parent=owner, quiet=True)
    owner.deleteLater()
    flush_deletes()
    gate.set()
    qtbot.waitUntil(lambda: not ops.busy(), timeout=5000)
    assert ran == []
    ops.shutdown()


def test_a_callback_that_raises_releases_its_owner_and_the_queue(qtbot, company):
    ops, failures, after = Ops(), [], []

    def broken(_result):
        raise RuntimeError("the form's handler failed")

    ops.run_in_background(
        lambda _p, _s: 1,
        title="save",
        on_success=broken,
        on_failure=lambda exc: failures.append(str(exc)) or True,
    )
    ops.run_in_background(lambda _p, _s: 2, title="next", on_success=after.append)
    qtbot.waitUntil(lambda: after == [2], timeout=5000)
    assert failures == ["the form's handler failed"]  # e.g. a form stops saying "saving"
    ops.shutdown()


def test_user_jobs_go_before_background_reads_and_reads_coalesce(qtbot, company):
    ops, gate, order = Ops(), threading.Event(), []
    ops.run_in_background(lambda _p, _s: gate.wait(5), title="running")
    for n in range(3):  # three refreshes asked for while busy: the last one runs, once
        ops.run_in_background(
            lambda _p, _s, n=n: order.append(f"count{n}"), title="c", quiet=True, key="home"
        )
    ops.run_in_background(lambda _p, _s: order.append("approve"), title="approve")
    assert ops.user_busy()
    gate.set()
    qtbot.waitUntil(lambda: not ops.busy(), timeout=5000)
    assert order == ["approve", "count2"]
    ops.shutdown()


def test_old_views_are_not_called_after_a_language_switch(
    qtbot, company, tmp_path, back_to_chinese
):
    window = make_window(qtbot, company, tmp_path)
    old = [window.pages[k] for k in ("sales", "purchase", "finance", "home")]
    window.switch_language("en")
    flush_deletes()
    assert not any(isValid(page) for page in old)
    window.ops.changed.emit("documents")  # raised "already deleted" in old handlers
    window.select_tab("sales")
    window.ops.changed.emit("*")
    qtbot.waitUntil(lambda: not window.ops.busy(), timeout=5000)


def test_hidden_lists_refresh_when_shown_not_on_every_save(qtbot, company, tmp_path):
    from jxc_desktop.engine.masterdata import PartnerData, save_partner

    window = make_window(qtbot, company, tmp_path)
    window.select_tab("inventory")
    qtbot.waitUntil(lambda: not window.ops.busy(), timeout=5000)  # the counts at start
    partners = window.pages["sales"].partners
    save_partner(PartnerData(code="C001", name="华联超市", kind="customer"))
    window.ops.changed.emit("customers")
    assert partners.refresher.stale and partners.partner_box.count() == 0
    assert not window.ops.busy()  # 首页 is not on screen: nothing counted aside
    window.select_tab("sales")
    window.pages["sales"].findChild(QTabWidget).setCurrentWidget(partners)
    assert not partners.refresher.stale and partners.partner_box.count() == 1


def test_home_alert_counts_open_the_alert_list_of_their_kind(qtbot, company, tmp_path):
    from tests.ui_helpers import make_item

    make_item("A001", "矿泉水", safety_stock="10", max_stock="50")  # none on hand
    make_item("A002", "方便面", safety_stock="5")
    window = make_window(qtbot, company, tmp_path)
    home = window.pages["home"]
    qtbot.waitUntil(lambda: home.alerts["below_safety"].text() == "2", timeout=5000)
    home.alerts["below_safety"].click()
    assert window.current_key() == "inventory"
    page = window.pages["inventory"]
    view = page.views["alerts"]
    assert page.key() == "alerts" and view.kind.currentData() == "below_safety"
    qtbot.waitUntil(lambda: len(view.model.rows) == 2, timeout=5000)
    assert {row["kind"] for row in view.model.rows} == {"below_safety"}
    home_alert = home.alerts["expired"]
    window.select_tab("home")
    home_alert.click()
    qtbot.waitUntil(lambda: not window.ops.busy(), timeout=5000)
    assert view.kind.currentData() == "expired" and view.model.rows == []
    labels = [label.text() for label in view.findChildren(QLabel)]
    assert "预警类型：" in labels


def test_alert_list_makes_a_requisition_for_what_is_below_safety_stock(qtbot, company, tmp_path):
    from decimal import Decimal

    from jxc_desktop.models.documents import Document, DocumentLine
    from tests.ui_helpers import make_item

    make_item("A001", "矿泉水", safety_stock="10", max_stock="50")  # none on hand
    make_item("A002", "方便面", safety_stock="5")
    window = make_window(qtbot, company, tmp_path)
    window.select_tab("inventory")
    view = window.pages["inventory"].select_key("alerts")
    qtbot.mouseClick(view.requisition, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: Document.select().where(Document.doc_type == "CGSQ").exists())
    doc = Document.get(Document.doc_type == "CGSQ")
    wanted = {
        line.item.code: line.qty
        for line in DocumentLine.select().where(DocumentLine.document == doc)
    }
    assert doc.status == "draft" and wanted == {"A001": Decimal(50), "A002": Decimal(5)}
    forms = [w for w in view.findChildren(QWidget) if w.isWindow() and w.isVisible()]
    assert forms, "the new requisition opens in its form"
    for form in forms:
        form.close()


def test_save_and_approve_after_a_switch_during_a_job_p13(
    qtbot, company, tmp_path, back_to_chinese
):
    """QA p13: a switch while a stock query runs; then 保存并审核 on 其他入库 works and
    the form closes."""
    from PySide6.QtCore import Qt

    from jxc_desktop.engine import masterdata as md
    from jxc_desktop.ui import messages

    md.save_warehouse(md.WarehouseData("W1", "主仓库"))
    md.save_item(md.ItemData(code="TEA", name="绿茶", purchase_price="3.5"))
    window = make_window(qtbot, company, tmp_path)
    window.select_tab("inventory")
    balance = window.pages["inventory"].select_key("balance")
    gate = threading.Event()
    window.ops.run_in_background(lambda _p, _s: gate.wait(5), title="slow", parent=balance)
    window.switch_language("en")
    flush_deletes()
    gate.set()
    window.select_tab("inventory")
    page = window.pages["inventory"]
    page.select_key("QTRK")
    form = page.new_record()
    qtbot.keyClicks(form.scan.edit, "TEA")
    qtbot.keyClick(form.scan.edit, Qt.Key.Key_Enter)
    form.approve()
    qtbot.waitUntil(lambda: form.header.status == "approved", timeout=10_000)
    assert form.header.number and not form.busy
    form.reject()
    assert not form.isVisible()
    messages.shown.clear()
