"""``manage.py load_demo``: the demo accounts and content, as ``make run`` loads them.

Each app that has demo data provides ``<app>.demo.load(stdout)``; this command calls them in
dependency order inside one transaction. Every loader is idempotent (get-or-create on a
natural key), so running ``make run`` again neither fails nor duplicates anything.
"""

import importlib
import importlib.util

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings

#: Order matters: accounts first, then pages (municipalities, target groups), then the cases.
DEMO_APPS = ["casework", "pages", "grants", "community_work"]


class Command(BaseCommand):
    help = "Load the Latvian demo content and the demo accounts (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--send-mail",
            action="store_true",
            help="Send the notification e-mails the demo transitions cause (default: drop them).",
        )

    def handle(self, *args, **options):
        backend = None if options["send_mail"] else "django.core.mail.backends.dummy.EmailBackend"
        with override_settings(**({"EMAIL_BACKEND": backend} if backend else {})):
            self._load()
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))

    def _load(self):
        with transaction.atomic():
            for label in DEMO_APPS:
                if not apps.is_installed(label) or not importlib.util.find_spec(f"{label}.demo"):
                    continue
                module = importlib.import_module(f"{label}.demo")
                self.stdout.write(f"Demo data: {label}")
                module.load(self.stdout)
