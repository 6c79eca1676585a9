#!/usr/bin/env python
"""Django's command-line utility for the Kopiena demo site (the project in ``demo/``; the
plugin itself is the package ``kopiena``, installed from ``site/`` by ``make``)."""

import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "demo.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
