from django.core.management.base import BaseCommand

from plans.services import reporting_periods_generate


class Command(BaseCommand):
    help = "Create the periodic reporting periods (Decree 09/2019/NĐ-CP) of one or more years."

    def add_arguments(self, parser):
        parser.add_argument("years", nargs="+", type=int, help="e.g. 2018 2019")

    def handle(self, *args, years, **options):
        for year in years:
            periods = reporting_periods_generate(year=year)
            self.stdout.write(f"{year}: {len(periods)}")
            for period in periods:
                self.stdout.write(
                    f"  {period.kind:<13} {period.sequence:>2}  {period.start_date:%d/%m/%Y} – "
                    f"{period.end_date:%d/%m/%Y}  hạn {period.deadline:%d/%m/%Y}"
                )
