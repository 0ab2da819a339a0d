"""`python -m ror_orientation` runs the CLI."""

import sys

from ror_orientation.cli import main

sys.exit(main())
