"""从 Excel 导入: choose a file, the engine validates it whole; every row error is listed
(row, column, reason) and can be saved as an xlsx report. Nothing is written unless the
whole file is valid."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from jxc_desktop.engine.errors import Problem, ValidationError
from jxc_desktop.ui import messages
from jxc_desktop.ui.i18n import tr
from jxc_desktop.ui.ops import Ops


class ImportDialog(QDialog):
    def __init__(self, ops: Ops, kind: str, label: str, parent=None):
        super().__init__(parent)
        self.ops = ops
        self.kind = kind
        self.problems: list[Problem] = []
        self.result = None
        self.setWindowTitle(tr("导入{what}").format(what=label))
        self.resize(720, 480)
        self.path = QLineEdit()
        self.path.setObjectName("importPath")
        browse = QPushButton(tr("选择文件…"))
        browse.clicked.connect(self.browse)
        self.update_existing = QCheckBox(tr("编码已存在时更新（否则视为错误）"))
        self.start = QPushButton(tr("开始导入"))
        self.start.setObjectName("btnStartImport")
        self.start.clicked.connect(lambda: self.run_import())
        self.status = QLabel(tr("支持 .xlsx 和 UTF-8 编码的 .csv；整个文件无误才会写入。"))
        self.status.setObjectName("importStatus")
        self.status.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("importErrors")
        self.table.setHorizontalHeaderLabels([tr("行"), tr("列"), tr("原因")])
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, 60)
        self.table.setColumnWidth(1, 120)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.save_report = QPushButton(tr("保存错误报告…"))
        self.save_report.setObjectName("btnSaveReport")
        self.save_report.setEnabled(False)
        self.save_report.clicked.connect(lambda: self.write_report())
        close = QPushButton(tr("关闭"))
        close.clicked.connect(self.accept)
        pick = QHBoxLayout()
        pick.addWidget(self.path, 1)
        pick.addWidget(browse)
        bottom = QHBoxLayout()
        bottom.addWidget(self.save_report)
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(pick)
        layout.addWidget(self.update_existing)
        layout.addWidget(self.start)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

    def browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, tr("选择导入文件"), "", "Excel / CSV (*.xlsx *.csv)"
        )
        if path:
            self.path.setText(path)

    def run_import(self, path: str | None = None):
        """Starts the import on the worker thread; the outcome lands in this dialog."""
        path = path or self.path.text().strip()
        if not path:
            messages.info(self, tr("请先选择文件。"))
            return None
        self.path.setText(path)
        self.start.setEnabled(False)
        self.status.setText(tr("正在校验并导入……"))
        from jxc_desktop.engine import excel_io

        kind, update = self.kind, self.update_existing.isChecked()
        return self.ops.run_in_background(
            lambda progress, stop: excel_io.import_file(
                kind, Path(path), update=update, progress=progress, should_stop=stop
            ),
            title=tr("正在导入……"),
            parent=self,
            changed=kind,
            on_success=self._done,
            cancellable=kind == "items",  # the items importer checks should_stop
            on_failure=self._failed,
        )

    def _done(self, result) -> None:
        self.result = result
        self.start.setEnabled(True)
        self.show_problems([])
        self.status.setText(
            tr("导入完成：新增 {c} 条，更新 {u} 条。").format(c=result.created, u=result.updated)
        )

    def _failed(self, exc: BaseException) -> bool:
        self.start.setEnabled(True)
        if not isinstance(exc, ValidationError):
            self.status.setText(tr("导入失败，未写入任何数据。"))
            return False
        self.show_problems(exc.problems)
        self.status.setText(
            tr("发现 {n} 个问题，未写入任何数据。请修改文件后重新导入。").format(
                n=len(exc.problems)
            )
        )
        return True

    def show_problems(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        self.table.setRowCount(len(problems))
        for row, problem in enumerate(problems):
            cells = [
                "" if problem.row is None else str(problem.row),
                problem.column or "",
                problem.message,
            ]
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.save_report.setEnabled(bool(problems))

    def write_report(self, path: str | None = None) -> bool:
        if path is None:
            suggested = str(Path(self.path.text()).with_suffix("")) + "_errors.xlsx"
            path, _ = QFileDialog.getSaveFileName(
                self, tr("保存错误报告"), suggested, "Excel (*.xlsx)"
            )
        if not path:
            return False
        from jxc_desktop.engine import excel_io

        ok, _ = self.ops.run(
            lambda: excel_io.write_error_report(self.problems, Path(path)), parent=self
        )
        if ok:
            messages.info(self, tr("错误报告已保存到 {p}").format(p=path))
        return ok
