import sys

from jxc_desktop.cli import main

sys.exit(main())
