"""Load the demo data: ``python manage.py load_demo_data``. Safe to run again: it adds nothing twice."""

from django.core.management.base import BaseCommand

from plans.demo_data import DEMO_PASSWORD, DEMO_USERS, demo_data_load


class Command(BaseCommand):
    help = "Load demo departments, users, the four seed plans, reporting periods, progress and delegations."

    def handle(self, *args, **options):
        counts = demo_data_load()
        for label, count in counts.items():
            self.stdout.write(f"{label}: {count}")
        self.stdout.write(self.style.SUCCESS(f"Tài khoản demo (mật khẩu: {DEMO_PASSWORD}):"))
        for username, role in DEMO_USERS:
            self.stdout.write(f"  {username:<12} {role}")
