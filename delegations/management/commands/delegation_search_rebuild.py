from django.core.management.base import BaseCommand

from delegations.models import Delegation
from delegations.search import delegation_search_rebuild


class Command(BaseCommand):
    help = "Refill the accent-free search columns of delegations (after a bulk load that bypassed save())."

    def handle(self, *args, **options):
        changed = delegation_search_rebuild(model=Delegation)
        self.stdout.write(f"{changed} delegations updated.")
