"""The GUI's own strings: Chinese source text, English from resources/i18n/jxc_en.ts.

Every visible string goes through `tr("中文")`, which asks Qt's translator in one
context ("jxc"). The .ts file is the source of truth; the .qm Qt needs is compiled
from it with PySide6's lrelease into a cache directory whenever it is missing or
older than the .ts, so no generated file is ever committed. Engine messages carry
their own two languages (jxc_desktop.engine.i18n) and are switched together.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QStandardPaths, QTranslator

from jxc_desktop.engine import i18n as engine_i18n

CONTEXT = "jxc"
ROOT = Path(__file__).resolve().parents[2]
TS_DIR = ROOT / "resources" / "i18n"
_translator: QTranslator | None = None


def tr(text: str, note: str = "") -> str:
    """The GUI string in the current language (source text is Chinese).

    `note` tells apart one Chinese text with two English meanings (商品 "Items" as a
    module, "Goods" as an item type); it becomes the .ts message's comment.
    """
    return QCoreApplication.translate(CONTEXT, text, note or None)


def ts_path(language: str) -> Path:
    return TS_DIR / f"jxc_{language.split('_')[0]}.ts"


def cache_dir() -> Path:
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.CacheLocation)
    path = Path(base or Path.home() / ".cache" / "jxc_desktop") / "i18n"
    path.mkdir(parents=True, exist_ok=True)
    return path


def lrelease_command() -> list[str]:
    """PySide6's lrelease: the venv's wrapper script, else the binary inside the package."""
    wrapper = Path(sys.executable).with_name("pyside6-lrelease")
    if wrapper.exists():
        return [str(wrapper)]
    import PySide6

    bundled = Path(PySide6.__file__).with_name("lrelease")
    if bundled.exists():
        return [str(bundled)]
    found = shutil.which("pyside6-lrelease") or shutil.which("lrelease")
    return [found] if found else []


def compiled_qm(language: str) -> Path | None:
    """The .qm for a language, compiled now if missing or stale; None when impossible.

    The installed app has no lrelease: installer/jxc_desktop.spec compiles the .qm at
    build time and ships it beside the .ts, and a frozen app uses that one."""
    source = ts_path(language)
    shipped = source.with_suffix(".qm")
    if getattr(sys, "frozen", False) and shipped.exists():
        return shipped
    if not source.exists():
        return None
    target = cache_dir() / (source.stem + ".qm")
    if target.exists() and target.stat().st_mtime >= source.stat().st_mtime:
        return target
    command = lrelease_command()
    if not command:
        return None
    tmp = target.with_suffix(f".{os.getpid()}.tmp")
    done = subprocess.run(
        [*command, "-silent", str(source), "-qm", str(tmp)], capture_output=True, check=False
    )
    if done.returncode != 0 or not tmp.exists():
        return None
    tmp.replace(target)  # atomic: a second instance never reads a half-written file
    return target


def apply_language(language: str) -> bool:
    """Switches GUI and engine messages; returns False if the English file was unusable."""
    global _translator
    engine_i18n.set_language(language)
    app = QCoreApplication.instance()
    if _translator is not None:
        app.removeTranslator(_translator)
        _translator = None
    _use_qt_translations(app, language)
    if language == "zh_CN":
        return True
    qm = compiled_qm(language)
    translator = QTranslator(app)
    if qm is None or not translator.load(str(qm)):
        return False
    app.installTranslator(translator)
    _translator = translator
    return True


_qt_translator: QTranslator | None = None


def _use_qt_translations(app, language: str) -> None:
    """Qt's own texts (OK/Cancel in message boxes, the calendar popup) in Chinese too:
    PySide6 ships qtbase_zh_CN.qm; English needs none."""
    global _qt_translator
    if _qt_translator is not None:
        app.removeTranslator(_qt_translator)
        _qt_translator = None
    if language != "zh_CN":
        return
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load("qtbase_zh_CN", folder):
        app.installTranslator(translator)
        _qt_translator = translator


def current_language() -> str:
    return engine_i18n.get_language()
