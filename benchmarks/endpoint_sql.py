"""The SQL an endpoint runs of its own, beyond what every signed-in request runs (for national.py).

    python -m benchmarks.endpoint_sql --database fa_bench_e6 --user bench_specialist PATH [PATH ...]

Prints a JSON object: for each path, the statements its request ran with their parameters bound,
less those a request to FIXED_COST_PATH by the same user ran too (the session, the user, the
department), whatever the instant they name. national.py times these statements on a cursor
beside the floor, so that the ratio compares the endpoint's own queries with the best query for
the same answer — what the database is asked, not what HTTP and Python cost every request
whatever it asks (the table's first row).
"""

import argparse
import json
import os
import re
import sys

FIXED_COST_PATH = "/api/v1/periods/"
# The session is read "where expire_date > now": the same statement at another instant.
INSTANT = re.compile(r"'\d{4}-\d\d-\d\dT[^']*'::timestamptz")


def same_statement(sql: str) -> str:
    return INSTANT.sub("now()", sql)


def statements(client, path: str) -> list[str]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    if response.status_code != 200:
        sys.exit(f"{path} answered {response.status_code}")
    return [query["sql"] for query in captured.captured_queries]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", required=True)
    parser.add_argument("--user", required=True)
    parser.add_argument("paths", nargs="+")
    args = parser.parse_args(argv)
    os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{args.database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "foreign_affairs.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    from accounts.models import User

    settings.ALLOWED_HOSTS = ["*"]
    client = Client()
    client.force_login(User.objects.get(username=args.user))
    statements(client, FIXED_COST_PATH)  # a first request fills what later ones find in memory
    fixed = {same_statement(sql) for sql in statements(client, FIXED_COST_PATH)}
    found = {}
    for path in args.paths:
        statements(client, path)  # warm, as the endpoint is timed warm
        found[path] = [sql for sql in statements(client, path) if same_statement(sql) not in fixed]
    print(json.dumps(found))
    return 0


if __name__ == "__main__":
    sys.exit(main())
