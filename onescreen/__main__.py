"""Run the command line: `python -m onescreen`."""

import sys

from onescreen.cli import main

sys.exit(main())
