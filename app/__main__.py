"""``python -m foghike.app``: the same as the ``foghike`` command."""

import sys

from .cli import main

sys.exit(main())
