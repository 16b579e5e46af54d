import datetime

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from plans.models import Plan, ReportingPeriod
from reports.choices import ReportState
from reports.services import report_request, report_run


def _date(value: str) -> datetime.date:
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise CommandError(f"Not a date: {value!r} (write 30/04/2018 or 2018-04-30).")


class Command(BaseCommand):
    help = "Compile a report now, in this process, for a reporting period or a date range, and print its files."

    def add_arguments(self, parser):
        parser.add_argument("period", nargs="?", type=int, help="Reporting period id.")
        parser.add_argument("--from", dest="date_from", type=_date, help="First day, e.g. 01/01/2017.")
        parser.add_argument("--to", dest="date_to", type=_date, help="Last day, e.g. 30/04/2018.")
        parser.add_argument("--plan", type=int, help="Plan id; all plans in force when left out.")
        parser.add_argument("--again", action="store_true", help="Make a new version even if one is done.")

    def handle(self, *args, period=None, date_from=None, date_to=None, plan=None, again=False, **options):
        try:
            period = ReportingPeriod.objects.get(pk=period) if period else None
            plan = Plan.objects.get(pk=plan) if plan else None
            # No dispatch: a worker picking the report up would race this process for it.
            report = report_request(
                period=period, date_from=date_from, date_to=date_to, plan=plan, again=again, dispatch=False
            )
        except (ReportingPeriod.DoesNotExist, Plan.DoesNotExist) as error:
            raise CommandError(str(error)) from error
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        # Synchronously: the operator waits for the files instead of a worker.
        report_run(report_id=report.pk)
        # Not the content: at national scale it runs to tens of megabytes, and only the files are printed.
        report.refresh_from_db(fields=["state", "failure_reason", "docx_file", "xlsx_file"])
        if report.state == ReportState.FAILED:
            raise CommandError(f"Report {report.pk} failed: {report.failure_reason}")
        if report.state != ReportState.DONE:
            raise CommandError(f"Report {report.pk} is {report.state} elsewhere; run again later.")
        self.stdout.write(f"Report {report.pk} version {report.version}: {report.title}")
        self.stdout.write(report.docx_file.path)
        self.stdout.write(report.xlsx_file.path)
