"""The main window: module tabs, menus, toolbar, shortcuts and the status bar."""

from __future__ import annotations

from PySide6.QtCore import QSettings, QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QStyle, QTabWidget, QToolBar

from jxc_desktop.engine.company import MODULES, enabled_modules
from jxc_desktop.engine.session import (
    close_company,
    display_target,
    is_database_url,
    open_company,
)
from jxc_desktop.ui import company_menu, messages, queries
from jxc_desktop.ui.finance import FinancePage
from jxc_desktop.ui.i18n import apply_language, tr
from jxc_desktop.ui.inventory import InventoryPage
from jxc_desktop.ui.masterdata_page import MasterdataPage
from jxc_desktop.ui.ops import Ops, report_error
from jxc_desktop.ui.pages import HomePage, PlannedPage, TabPage, planned_pages
from jxc_desktop.ui.production import ProductionPage
from jxc_desktop.ui.quality import QualityPage
from jxc_desktop.ui.reports_page import ReportsPage
from jxc_desktop.ui.system_page import SystemPage
from jxc_desktop.ui.trade import TradePage

TAB_ORDER = [
    "home",
    "sales",
    "purchase",
    "inventory",
    "production",
    "quality",
    "finance",
    "reports",
    "masterdata",
    "system",
]


class MainWindow(QMainWindow):
    current: MainWindow | None = None  # the window switch_company opened last

    def __init__(self, db_path: str, settings: QSettings, ops: Ops | None = None):
        super().__init__()
        self.db_path = db_path
        self.settings = settings
        self.ops = ops or Ops(self)
        self.ops.changed.connect(self._on_changed)
        self.pages: dict[str, TabPage] = {}
        self.setObjectName("jxcMainWindow")
        self._replaced = False  # switch_company opened another window in its place
        # the remembered tab is that of the company used last: another one starts on 首页
        same_company = str(settings.value("company/path", "")) in ("", db_path)
        saved_tab = str(settings.value("window/tab", "home")) if same_company else "home"
        if not is_database_url(db_path):  # never a server URL (it may hold a password)
            settings.setValue("company/path", db_path)
        self._build()
        if not self.restoreGeometry(settings.value("window/geometry", b"")):
            self._first_size()
        self.restoreState(settings.value("window/state", b""))
        self.select_tab(saved_tab)

    def _first_size(self) -> None:
        """First start: room for the lists and dialogs (1200×760), within the screen."""
        screen = self.screen().availableGeometry()
        self.resize(min(1200, screen.width()), min(760, screen.height()))
        self.move(screen.center() - self.rect().center())

    # -- building (again after a language switch) ---------------------------------------
    def _build(self) -> None:
        self.setWindowTitle(tr("jxc 进销存"))
        self.tabs = QTabWidget()
        self.tabs.setObjectName("moduleTabs")
        self.tabs.setDocumentMode(True)
        self.pages = self._make_pages()
        titles = self.tab_titles()
        for key in self.visible_tabs():
            self.tabs.addTab(self.pages[key], titles[key])
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.setCentralWidget(self.tabs)  # Qt deletes the previous one
        self._build_actions()
        self._build_status_bar()

    def visible_tabs(self) -> list[str]:
        """Every tab but the modules the company switched off when it was set up."""
        enabled = set(enabled_modules())
        return [key for key in TAB_ORDER if key not in MODULES or key in enabled]

    def tab_titles(self) -> dict[str, str]:
        titles = {"home": tr("首页"), "masterdata": tr("基础资料"), "system": tr("系统")}
        titles["quality"] = QualityPage.title()
        titles.update({key: title for key, title, _ in planned_pages()})
        return titles

    def _make_pages(self) -> dict[str, TabPage]:
        home = HomePage(self.ops)
        home.open_list.connect(self.open_list)
        home.open_alerts.connect(self.open_alerts)
        home.open_stock.connect(self.open_stock)
        home.open_report.connect(self.open_report)
        pages: dict[str, TabPage] = {"home": home}
        for key, title, planned in planned_pages():
            if key in self.visible_tabs():
                pages[key] = PlannedPage(title, planned)
        if "production" in pages:
            pages["production"] = ProductionPage(self.ops)
        if "inventory" in pages:
            pages["inventory"] = InventoryPage(self.ops)
        if "reports" in pages:
            pages["reports"] = ReportsPage(self.ops)
        if "finance" in pages:
            pages["finance"] = FinancePage(self.ops)
        pages["quality"] = QualityPage(self.ops)
        pages["masterdata"] = MasterdataPage(self.ops)
        pages.update({k: TradePage(self.ops, k) for k in ("sales", "purchase") if k in pages})
        system = SystemPage(self.ops, self.db_path)
        system.language_requested.connect(self.switch_language)
        pages["system"] = system
        return pages

    def _action(self, text: str, shortcut, slot, name: str) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        self.menuBar().clear()
        for bar in self.findChildren(QToolBar):
            self.removeToolBar(bar)
            bar.deleteLater()
        keys = QKeySequence.StandardKey
        self.actions_by_name = {
            "new": self._action(
                tr("新建"), keys.New, lambda: self.dispatch("new_record"), "actNew"
            ),
            "save": self._action(tr("保存"), keys.Save, lambda: self.dispatch("save"), "actSave"),
            "find": self._action(tr("查找"), keys.Find, lambda: self.dispatch("find"), "actFind"),
            "refresh": self._action(
                tr("刷新"), "F5", lambda: self.dispatch("refresh"), "actRefresh"
            ),
            "print": self._action(tr("打印"), keys.Print, self.print_current, "actPrint"),
            "quit": self._action(tr("退出"), keys.Quit, self.close, "actQuit"),
            "zh": self._action("简体中文", None, lambda: self.switch_language("zh_CN"), "actZh"),
            "en": self._action("English", None, lambda: self.switch_language("en"), "actEn"),
            "about": self._action(tr("关于"), None, lambda: self.select_tab("system"), "actAbout"),
        }
        a = self.actions_by_name
        file_menu = self.menuBar().addMenu(tr("文件(&F)"))
        for text, slot, name in (
            (tr("新建账套…"), company_menu.new_company, "actNewCompany"),
            (tr("打开账套…"), company_menu.open_company_file, "actOpenCompany"),
            (tr("备份账套…"), company_menu.backup_company, "actBackup"),
            (tr("恢复账套…"), company_menu.restore_company, "actRestore"),
        ):
            action = self._action(text, None, lambda _=False, f=slot: f(self), name)
            a[name] = action
            file_menu.addAction(action)
        file_menu.addSeparator()
        for name in ("new", "save", "print"):
            file_menu.addAction(a[name])
        file_menu.addSeparator()
        file_menu.addAction(a["quit"])
        edit_menu = self.menuBar().addMenu(tr("编辑(&E)"))
        edit_menu.addAction(a["find"])
        view_menu = self.menuBar().addMenu(tr("视图(&V)"))
        view_menu.addAction(a["refresh"])
        go_menu = self.menuBar().addMenu(tr("模块(&M)"))
        titles = self.tab_titles()
        for key in self.visible_tabs():
            go_menu.addAction(titles[key], lambda k=key: self.select_tab(k))
        language_menu = self.menuBar().addMenu(tr("语言(&L)"))
        language_menu.addAction(a["zh"])
        language_menu.addAction(a["en"])
        help_menu = self.menuBar().addMenu(tr("帮助(&H)"))
        help_menu.addAction(a["about"])
        toolbar = QToolBar(tr("工具栏"))
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.setIconSize(QSize(18, 18))
        icons = {
            "new": QStyle.StandardPixmap.SP_FileIcon,
            "save": QStyle.StandardPixmap.SP_DialogSaveButton,
            "find": QStyle.StandardPixmap.SP_FileDialogContentsView,
            "refresh": QStyle.StandardPixmap.SP_BrowserReload,
            "print": QStyle.StandardPixmap.SP_FileDialogDetailedView,
        }
        for name, icon in icons.items():
            a[name].setIcon(self.style().standardIcon(icon))
            toolbar.addAction(a[name])
        self.addToolBar(toolbar)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        for label in getattr(self, "status_labels", {}).values():
            bar.removeWidget(label)
            label.deleteLater()
        self.status_labels = {key: QLabel() for key in ("company", "period", "user", "db")}
        for key, label in self.status_labels.items():
            label.setObjectName(f"status_{key}")
            bar.addPermanentWidget(label)
        self.refresh_status()

    def refresh_status(self) -> None:
        data = queries.header()
        self.status_labels["company"].setText(tr("账套：") + data.company)
        self.status_labels["period"].setText(tr("当前期间：") + data.current_period)
        self.status_labels["user"].setText(tr("操作员：") + data.user)
        self.status_labels["db"].setText(tr("数据库：") + display_target(self.db_path))
        self.status_labels["db"].setToolTip(display_target(self.db_path))

    # -- behaviour ----------------------------------------------------------------------
    def current_page(self) -> TabPage:
        return self.tabs.currentWidget()

    def select_tab(self, key: str) -> None:
        page = self.pages.get(key) or self.pages["home"]  # a switched-off module: 首页
        self.tabs.setCurrentWidget(page)

    def current_key(self) -> str:
        page = self.current_page()
        return next(key for key, value in self.pages.items() if value is page)

    def open_list(self, key: str) -> None:
        """Shows one base-data list (from the 首页 cards)."""
        self.select_tab("masterdata")
        self.pages["masterdata"].select_key(key)

    def open_stock(self, key: str) -> None:
        """One 库存 document list (开始使用's 期初库存 step)."""
        if isinstance(self.pages.get("inventory"), InventoryPage):
            self.select_tab("inventory")
            self.pages["inventory"].select_key(key)

    def open_report(self, name: str, start, end) -> None:
        """A report on 报表 for these dates, run (from the 首页 经营概况 figures)."""
        if "reports" not in self.pages:
            return
        self.select_tab("reports")
        view = self.pages["reports"].show_report(name)
        view.set_dates(start, end)
        view.run()

    def open_alerts(self, kind: str) -> None:
        """库存预警 of one kind (from the 首页 counts): on 库存, or 报表 without it."""
        if isinstance(self.pages.get("inventory"), InventoryPage):
            self.select_tab("inventory")
            self.pages["inventory"].show_alerts(kind)
        elif "reports" in self.pages:
            self.select_tab("reports")
            self.pages["reports"].show_report("stock-alerts")

    def dispatch(self, name: str) -> bool:
        """Runs a shortcut's action on the current tab; says so when the tab has none."""
        handled = getattr(self.current_page(), name)()
        if not handled:
            self.statusBar().showMessage(tr("当前页面没有此操作"), 3000)
        return handled

    def print_current(self) -> None:
        if not self.current_page().print_view():
            messages.info(self, tr("此页面暂无可打印的视图。"))

    def switch_language(self, language: str) -> None:
        key = self.current_key()
        if not apply_language(language):
            messages.error(self, tr("无法加载英文翻译文件，界面保持中文。"))
            apply_language("zh_CN")
            language = "zh_CN"
        self.settings.setValue("language", language)
        self._build()
        self.select_tab(key)

    def switch_company(self, path: str, while_closed=None) -> MainWindow | None:
        """Closes this company and opens `path` in a new window (the setup wizard for a
        new file); `while_closed` runs while no company is open (a restore). When the
        other company cannot be opened, or the wizard is cancelled, this one is opened
        again. Returns the new window (None when a job the user started is running)."""
        from jxc_desktop.ui.app import open_or_setup

        if self.ops.user_busy():
            messages.info(self, tr("后台任务尚未完成，请稍后再切换账套。"))
            return None
        self._save_window()
        self.ops.shutdown()
        self.setEnabled(False)  # nothing may reopen the company while it is closed
        close_company()
        target = path
        try:
            if while_closed is not None:
                while_closed()
            if not open_or_setup(path):
                target = None
        except Exception as exc:  # a file in use, a full disk, a damaged file: said, not lost
            report_error(None, exc)  # not on this window: it closes below
            target = None
        if target is None:
            close_company()
            try:
                open_company(self.db_path)
            except Exception as exc:  # not even the old one: no window may pretend to work
                report_error(None, exc)
                self._replaced = True
                self.close()
                return None
            target = self.db_path
        window = MainWindow(target, self.settings)
        window.show()
        MainWindow.current = window  # top-level windows need a Python owner
        self._replaced = True
        self.close()
        return window

    def _save_window(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.setValue("window/tab", self.current_key())
        self.settings.sync()

    def _on_tab_changed(self, _index: int) -> None:
        if not self._replaced:
            self.settings.setValue("window/tab", self.current_key())

    def _on_changed(self, _what: str) -> None:
        self.refresh_status()  # 首页 refreshes itself (when it is on screen)

    def closeEvent(self, event) -> None:
        if not self._replaced:  # the window that replaced this one remembers for both
            self._save_window()
        self.ops.shutdown()
        super().closeEvent(event)
