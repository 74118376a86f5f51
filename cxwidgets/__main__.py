"""`python -m cxwidgets`: the same as the `cxwidgets` command."""

import sys

from cxwidgets.cli import main

sys.exit(main())
