#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    # Production settings where the environment declares production (DISCLOSURE_ENV=production), development
    # settings otherwise; config/settings/environment.py says which settings refuse to load where.
    production = os.environ.get("DISCLOSURE_ENV", "").strip().lower() == "production"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production" if production else "config.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
