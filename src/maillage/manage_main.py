"""The `manage.py` entry point, importable so that the package works from any directory."""

import os
import sys


def main() -> None:
    """Run a Django management command."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "maillage.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
