"""``manage.py load_demo``: the demo accounts and content, as ``make run`` loads them.

Each part of the demo (``demo.data.<part>``) provides ``load(stdout)``; this command calls
them in dependency order inside one transaction. Every loader is idempotent (get-or-create on
a natural key), so running ``make run`` again neither fails nor duplicates anything.

The demo accounts share a public password, so the command refuses to run with ``DEBUG`` off
(production settings) unless ``KOPIENA_ALLOW_DEMO_DATA=1`` is in the environment (the
benchmarks' throwaway database) or the settings say ``KOPIENA_DEMO_DATA_ALLOWED = True``.
"""

import importlib
import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

#: Order matters: accounts first, then pages (municipalities, target groups), then the cases.
DEMO_PARTS = [
    "accounts",
    "pages",
    "grants",
    "community_work",
    "social_map",
    "monitoring",
    "participation",
    "page_translations",
]


def demo_data_allowed() -> bool:
    return bool(
        settings.DEBUG
        or getattr(settings, "KOPIENA_DEMO_DATA_ALLOWED", False)
        or os.environ.get("KOPIENA_ALLOW_DEMO_DATA") == "1"
    )


class Command(BaseCommand):
    help = "Load the Latvian demo content and the demo accounts (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--send-mail",
            action="store_true",
            help="Send the notification e-mails the demo transitions cause (default: drop them).",
        )

    def handle(self, *args, **options):
        if not demo_data_allowed():
            raise CommandError(
                "load_demo creates accounts with the public demo password and is refused on "
                "production settings (DEBUG is off). For a throwaway benchmark database, set "
                "KOPIENA_ALLOW_DEMO_DATA=1."
            )
        backend = None if options["send_mail"] else "django.core.mail.backends.dummy.EmailBackend"
        with override_settings(**({"EMAIL_BACKEND": backend} if backend else {})):
            self._load()
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))

    def _load(self):
        with transaction.atomic():
            for part in DEMO_PARTS:
                module = importlib.import_module(f"demo.data.{part}")
                self.stdout.write(f"Demo data: {part}")
                module.load(self.stdout)
