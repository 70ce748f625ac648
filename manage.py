#!/usr/bin/env python
"""Django's command-line utility for Maillage."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "src"))

from maillage.manage_main import main

if __name__ == "__main__":
    main()
