"""``python -m cormorant``: the ``cormorant`` command (see cormorant.cli)."""

import sys

from cormorant.cli import main

sys.exit(main())
