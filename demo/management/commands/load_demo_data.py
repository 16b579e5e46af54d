"""Load a demo province: ``python manage.py load_demo_data [--province son-la] [--if-fresh] [--force]``.

Safe to run again: it only adds rows that are missing and never overwrites one that exists, so a
user's changes survive. `--if-fresh` (what `scripts/dev.py run` uses) loads only into a database that
holds no demo yet and no body at all. A database is meant for one province: loading a second one is
refused unless --force, which puts it beside the first (its bodies carry their own codes and names).
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.models import Department
from demo.loader import OtherProvinceLoaded, demo_data_load, demo_province_loaded
from demo.specs import DEFAULT_PROVINCE, DEMO_PASSWORD, DEMO_USERS, PROVINCES


class Command(BaseCommand):
    help = "Load a demo province (Sơn La by default): its bodies over time, users, plans, progress and delegations."

    def add_arguments(self, parser):
        parser.add_argument("--province", choices=PROVINCES, default=DEFAULT_PROVINCE, help="Which province to load.")
        parser.add_argument(
            "--if-fresh",
            action="store_true",
            help="Load only if the database holds no demo and no body yet (a fresh database); else do nothing.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help=(
                "Load even when DJANGO_ENV=production (the demo users share one known password), or beside "
                "another demo province already loaded."
            ),
        )

    def handle(self, *args, **options):
        if settings.PRODUCTION and not options["force"]:
            # The demo creates an administrator whose password is in the README: never by accident.
            raise CommandError(
                "Đây là máy chủ thật (DJANGO_ENV=production): dữ liệu demo tạo các tài khoản có mật khẩu công khai, "
                "kể cả quản trị viên, nên không được nạp. Nếu thật sự cần, chạy lại với --force."
            )
        if options["if_fresh"] and (demo_province_loaded() or Department.objects.exists()):
            self.stdout.write(
                "Cơ sở dữ liệu đã có dữ liệu: không nạp lại dữ liệu demo, giữ nguyên mọi thay đổi. "
                "Muốn làm lại từ đầu: make demo-reset."
            )
            self._print_logins()
            return
        try:
            counts = demo_data_load(province=options["province"], force=options["force"])
        except OtherProvinceLoaded as loaded:
            raise CommandError(
                f"Cơ sở dữ liệu đã có dữ liệu demo của tỉnh khác ({loaded}). Dữ liệu demo mỗi tỉnh dành cho một cơ sở "
                "dữ liệu mới (make demo-reset); nếu thật sự muốn nạp thêm bên cạnh, chạy lại với --force."
            ) from None
        for label, count in counts.items():
            self.stdout.write(f"{label}: {count}")
        self._print_logins()

    def _print_logins(self):
        self.stdout.write(self.style.SUCCESS(f"Tài khoản demo (mật khẩu: {DEMO_PASSWORD}):"))
        for username, role in DEMO_USERS:
            self.stdout.write(f"  {username:<12} {role}")
