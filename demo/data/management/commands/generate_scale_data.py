"""``manage.py generate_scale_data``: organisations, applications and initiatives by the
thousand for the benchmarks (``bench/``), written with bulk inserts.

The figures are totals: a run adds what is missing up to them, so the benchmarks grow one
database from 1 000 to 10 000 to 50 000 applications. ``--reset`` deletes what earlier
runs generated first. The generation of each domain lives beside the demo loaders
(``demo.data.grants_scale``, ``demo.data.community_work_scale``). Each domain's part runs in
its own transaction per call.
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction


class Command(BaseCommand):
    help = "Generate (top up to) benchmark data: organisations, applications, initiatives."

    def add_arguments(self, parser):
        parser.add_argument("--organisations", type=int, default=5000)
        parser.add_argument("--applications", type=int, default=50000)
        parser.add_argument("--initiatives", type=int, default=5000)
        parser.add_argument("--seed", type=int, default=7, help="The same seed, the same data.")
        parser.add_argument(
            "--reset", action="store_true", help="Delete previously generated data first."
        )

    def handle(self, *args, **options):
        from demo.data import community_work_scale as community_scale
        from demo.data import grants_scale

        for name in ("organisations", "applications", "initiatives"):
            if options[name] < 0:
                raise CommandError(f"--{name} cannot be negative.")
        if options["applications"] and not options["organisations"]:
            raise CommandError("Applications need organisations: give --organisations.")
        seed = options["seed"]

        def out(message):
            self.stdout.write(f"  {message}")

        started = time.monotonic()
        if options["reset"]:
            with transaction.atomic():
                self._reset(grants_scale, community_scale, out)
        with transaction.atomic():
            grants_scale.generate_organisations(options["organisations"], seed=seed, out=out)
        with transaction.atomic():
            grants_scale.generate_applications(options["applications"], seed=seed, out=out)
        with transaction.atomic():
            community_scale.generate_initiatives(options["initiatives"], seed=seed, out=out)
        self.stdout.write(
            self.style.SUCCESS(f"Scale data ready in {time.monotonic() - started:.1f} s.")
        )

    def _reset(self, grants_scale, community_scale, out):
        from django.contrib.auth.models import User
        from django.contrib.contenttypes.models import ContentType
        from django.db.models.signals import post_delete
        from wagtail.models import ModelLogEntry

        from kopiena.community_work.models import Initiative
        from kopiena.grants import signals
        from kopiena.grants.models import Application, BudgetLine, GrantCall

        # The budget-line signal recalculates the application's totals after each line's
        # delete, which a cascade runs before the application goes; the whole case is
        # going, so it stays disconnected meanwhile.
        post_delete.disconnect(sender=BudgetLine, dispatch_uid="grants_budget_del")
        try:
            for model, queryset in (
                (Initiative, community_scale.scale_initiatives()),
                (Application, grants_scale.scale_applications()),
            ):
                ids = [str(pk) for pk in queryset.values_list("pk", flat=True)]
                ModelLogEntry.objects.filter(
                    content_type=ContentType.objects.get_for_model(model), object_id__in=ids
                ).delete()
                queryset.delete()
        finally:
            signals.connect()
        for call in GrantCall.objects.filter(slug__startswith=grants_scale.CALL_SLUG_PREFIX):
            call.delete()
        grants_scale.scale_organisations().delete()
        User.objects.filter(username__startswith=grants_scale.USER_PREFIX).delete()
        out("previously generated data deleted")
