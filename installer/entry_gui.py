"""PyInstaller entry point for the desktop app."""

import sys

from jxc_desktop.ui.app import main

sys.exit(main())
