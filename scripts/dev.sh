#!/usr/bin/env bash
# One entry point for a fresh Debian/Ubuntu machine with Python 3.11:
#   bash scripts/dev.sh demo   set everything up, open the GUI on a demo company
#   bash scripts/dev.sh test   set everything up, run lint and the whole test suite
# Idempotent: system packages are installed only when missing (as root), the
# virtual environment is created once and the Python packages are re-synced.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
VENV="$ROOT/.venv"

SYSTEM_PACKAGES=(libglib2.0-0 libegl1 libgl1 libfontconfig1 libxkbcommon0 libdbus-1-3
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0
  libxcb-shape0 libxkbcommon-x11-0 fonts-wqy-microhei poppler-utils zbar-tools)

system_packages() {
  local missing=()
  for p in "${SYSTEM_PACKAGES[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing system packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "Missing system packages; run as root:" >&2
    echo "  sudo apt-get install -y ${missing[*]}" >&2
  fi
}

python_env() {
  local py=${PYTHON:-python3.11}
  command -v "$py" >/dev/null || py=python3
  [ -x "$VENV/bin/python" ] || "$py" -m venv "$VENV"
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check -e ".[dev]"
}

case "${1:-}" in
  demo)
    system_packages
    python_env
    DATA="${XDG_DATA_HOME:-$HOME/.local/share}/jxc_desktop"
    mkdir -p "$DATA"
    DB="$DATA/demo.sqlite"
    [ -f "$DB" ] || "$VENV/bin/jxc" --db "$DB" init --demo
    exec "$VENV/bin/jxc-desktop" --db "$DB" "${@:2}"
    ;;
  test)
    system_packages
    python_env
    export LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen
    "$VENV/bin/ruff" check jxc_desktop tests bench
    "$VENV/bin/ruff" format --check jxc_desktop tests bench
    exec "$VENV/bin/python" -m pytest "${@:2}"
    ;;
  *)
    echo "usage: bash scripts/dev.sh demo|test" >&2
    exit 2
    ;;
esac
