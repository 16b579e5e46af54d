"""Load the demo data: ``python manage.py load_demo_data``. Safe to run again: it adds nothing twice."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.loader import demo_data_load
from demo.specs import DEMO_PASSWORD, DEMO_USERS


class Command(BaseCommand):
    help = "Load demo departments, users, the four seed plans, reporting periods, progress and delegations."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load even when DJANGO_ENV=production (the demo users share one known password).",
        )

    def handle(self, *args, **options):
        if settings.PRODUCTION and not options["force"]:
            # The demo creates an administrator whose password is in the README: never by accident.
            raise CommandError(
                "Đây là máy chủ thật (DJANGO_ENV=production): dữ liệu demo tạo các tài khoản có mật khẩu công khai, "
                "kể cả quản trị viên, nên không được nạp. Nếu thật sự cần, chạy lại với --force."
            )
        counts = demo_data_load()
        for label, count in counts.items():
            self.stdout.write(f"{label}: {count}")
        self.stdout.write(self.style.SUCCESS(f"Tài khoản demo (mật khẩu: {DEMO_PASSWORD}):"))
        for username, role in DEMO_USERS:
            self.stdout.write(f"  {username:<12} {role}")
