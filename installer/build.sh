#!/usr/bin/env bash
# Builds dist/jxc_desktop/ (jxc-desktop + jxc) with PyInstaller, then smoke-tests the
# bundled CLI on a demo company. Run after `bash scripts/dev.sh test` has made .venv.
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/python -m pip install -q -e ".[installer]"
.venv/bin/pyinstaller --noconfirm --clean --distpath dist --workpath build installer/jxc_desktop.spec
tmp=$(mktemp -d)
dist/jxc_desktop/jxc --db "$tmp/demo.sqlite" init --demo
dist/jxc_desktop/jxc --db "$tmp/demo.sqlite" check
echo "Built dist/jxc_desktop ($(du -sh dist/jxc_desktop | cut -f1))"
