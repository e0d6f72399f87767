"""``python -m govreport``: the same program as the ``govreport`` command."""

from __future__ import annotations

import gc
import sys

# Loading the modules makes no garbage worth collecting, yet the cyclic GC would walk the
# growing heap again and again while they load (~3% of a one-file run): it waits.
gc.disable()
from .cli import main  # noqa: E402

gc.enable()

if __name__ == "__main__":
    sys.exit(main())
