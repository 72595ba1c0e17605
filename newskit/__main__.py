"""``python -m newskit`` runs the command line."""

import sys

from newskit.cli import main

sys.exit(main())
