"""``manage.py social_map_freshness``: queue the social map's daily freshness check (flag
entries not confirmed for 12 months, hide those not confirmed for 18, e-mail the members
and the editors). Run it once a day from cron or a systemd timer, e.g.
``15 6 * * * cd /srv/kopiena && .venv/bin/python manage.py social_map_freshness``."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Queue the social map's daily freshness check."

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Decide as if today were this date (YYYY-MM-DD).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Only say what would be flagged and hidden."
        )

    def handle(self, *args, **options):
        from kopiena.social_map import freshness
        from kopiena.social_map.tasks import check_freshness

        today = options["today"]
        if today:
            try:
                dt.date.fromisoformat(today)
            except ValueError:
                raise CommandError("--today must be a date: YYYY-MM-DD.") from None
        if options["dry_run"]:
            report = freshness.run(dt.date.fromisoformat(today) if today else None, dry_run=True)
            self.stdout.write(
                f"would flag {len(report.flagged)}, hide {len(report.hidden)}, "
                f"ask {len(report.asked)} members"
            )
            return
        result = check_freshness.enqueue(today)
        self.stdout.write(f"freshness check queued ({result.id})")
