"""``manage.py recount_participation ballots.csv``: the count from the published anonymised
ballots alone (no database), printing the winners per category — anyone can check the
published result with it."""

from django.core.management.base import BaseCommand, CommandError

from kopiena.participation.counting import CsvError, count_csv


class Command(BaseCommand):
    help = "Recount a participatory budget from its published ballots CSV and print the winners."

    def add_arguments(self, parser):
        parser.add_argument(
            "csv_file", help="The anonymised ballots CSV downloaded from the results page."
        )

    def handle(self, *args, **options):
        try:
            with open(options["csv_file"], encoding="utf-8", newline="") as handle:
                results = count_csv(handle)
        except OSError as error:
            raise CommandError(f"Cannot read {options['csv_file']}: {error}") from None
        except CsvError as error:
            raise CommandError(f"Not a ballots file: {error}") from None
        for result in results:
            self.stdout.write(f"{result.code}: money {result.money:.2f}")
            for project in result.winners:
                line = f"  won  project {project.number}  votes {project.votes}"
                self.stdout.write(f"{line}  cost {project.cost:.2f}")
            self.stdout.write(f"  winners {result.spent:.2f}  unspent {result.unspent:.2f}")
        total = sum(r.spent for r in results)
        self.stdout.write(f"total {total:.2f}")
