"""Build the delegation statistics rollup anew: ``python manage.py delegation_rollup_rebuild``.

Needed only after writes that bypass the services and signals (COPY, raw SQL, bulk_create without
rollup_touch); every other write keeps the rollup exact itself.
"""

import time

from django.core.management.base import BaseCommand
from django.db import connection, transaction

from delegations.rollup import LEVELS, rollup_rebuild


class Command(BaseCommand):
    help = "Rebuild the delegation statistics rollup from the delegations and their countries."

    def handle(self, *args, **options):
        started = time.perf_counter()
        with transaction.atomic():
            rows = rollup_rebuild()
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:  # the planner's statistics of tables just rewritten
                    for model in LEVELS:
                        cursor.execute(f"ANALYZE {model._meta.db_table}")
        self.stdout.write(f"delegation rollup: {rows} rows in {time.perf_counter() - started:.1f} s")
