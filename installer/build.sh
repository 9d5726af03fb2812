#!/usr/bin/env bash
# Builds dist/jxc_desktop/ (jxc-desktop + jxc) with PyInstaller, then smoke-tests the
# bundled CLI and GUI on a demo company. Run after `bash scripts/dev.sh test` has made .venv.
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/python -m pip install -q -e ".[installer]"
.venv/bin/pyinstaller --noconfirm --clean --distpath dist --workpath build installer/jxc_desktop.spec
tmp=$(mktemp -d)
dist/jxc_desktop/jxc --db "$tmp/demo.sqlite" init --demo
dist/jxc_desktop/jxc --db "$tmp/demo.sqlite" check
# what loads modules by name at run time: label symbologies, PDFs, xlsx, every GUI tab
for symbology in code128 ean13 qr; do  # 040001 has an EAN-13 barcode in the demo
  dist/jxc_desktop/jxc --db "$tmp/demo.sqlite" labels --item 040001 --symbology "$symbology" \
    -o "$tmp/labels-$symbology.pdf"
done
dist/jxc_desktop/jxc --db "$tmp/demo.sqlite" print report stock-balance -o "$tmp/balance.pdf"
dist/jxc_desktop/jxc --db "$tmp/demo.sqlite" report stock-balance --format xlsx \
  --output "$tmp/balance.xlsx"
for language in zh_CN en; do
  QT_QPA_PLATFORM=offscreen dist/jxc_desktop/jxc-desktop --db "$tmp/demo.sqlite" \
    --lang "$language" --smoke-test
done
echo "Built dist/jxc_desktop ($(du -sh dist/jxc_desktop | cut -f1))"
