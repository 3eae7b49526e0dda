#!/usr/bin/env python
"""The plain-Wagtail baseline of ``bench/uncached_bench.py`` (a separate Django project, never in toasoan)."""

import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "baseline_site.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
