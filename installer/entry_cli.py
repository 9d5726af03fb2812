"""PyInstaller entry point for the `jxc` command line."""

import sys

from jxc_desktop.cli import main

sys.exit(main())
