from django.core.cache import cache
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Empty the cache. Run on every release: cached page parts were rendered by the code "
        "being replaced. Nobody is signed out (sessions are read from the database again)."
    )

    def handle(self, *args, **options):
        cache.clear()
        self.stdout.write("The cache is empty.")
