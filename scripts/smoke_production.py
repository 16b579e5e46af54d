#!/usr/bin/env python3
"""Build and serve the portal as production does, then ask it for real pages (run by .ci/run).

    python3 scripts/smoke_production.py [--port 8790] [--database fa_smoke] [--redis-url redis://…/13]

With DJANGO_ENV=production, a fresh PostgreSQL database and Redis: collectstatic (the Dockerfile's
step), migrate, a user, then gunicorn with gunicorn.conf.py on a loopback port behind a pretend
proxy (X-Forwarded-Proto: https). Plain HTTP must be redirected to HTTPS; the login page, a hashed
static file, the API schema, the health check and a page after logging in through the form must
answer 200. Any other answer, a 500 above all, fails the run. Needs psql tools and Redis running.
"""

import argparse
import http.client
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
USERNAME, PASSWORD = "smoke", secrets.token_urlsafe(16)


class Client:
    """A browser in miniature: keeps cookies, says it came through the TLS proxy."""

    def __init__(self, port: int, timeout: float = 30):
        self.port = port
        self.timeout = timeout
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: str | None = None, https: bool = True, **headers):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        headers = {"Host": "127.0.0.1", **headers}
        if https:
            headers["X-Forwarded-Proto"] = "https"
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        content = response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie(header)
            self.cookies.update({key: morsel.value for key, morsel in cookie.items()})
        connection.close()
        return response, content


def expect(label: str, response, content: bytes, status: int, contains: bytes | None = None) -> None:
    ok = response.status == status and (contains is None or contains in content)
    print(f"{'ok  ' if ok else 'FAIL'} {label}: {response.status}")
    if not ok:
        sys.exit(f"Production smoke failed at '{label}': expected {status}, got {response.status}\n{content[:2000]!r}")


def run(*args: str | Path, env: dict) -> None:
    subprocess.run([str(a) for a in args], cwd=ROOT, env=env, check=True)


def wait_for_server(client: Client, server: subprocess.Popen) -> None:
    for _ in range(60):
        if server.poll() is not None:
            sys.exit("gunicorn stopped before answering.")
        try:
            client.request("GET", "/healthz/", https=False)
            return
        except OSError:
            time.sleep(0.5)
    sys.exit("gunicorn did not answer within 30 s.")


def check_pages(client: Client, static_root: Path) -> None:
    response, content = client.request("GET", "/accounts/login/", https=False)
    expect("plain HTTP is redirected to HTTPS", response, content, 301)
    if not response.headers.get("Location", "").startswith("https://"):
        sys.exit("The redirect does not lead to https://.")
    response, content = client.request("GET", "/healthz/", https=False)
    expect("health check over plain HTTP (proxy, compose)", response, content, 200, b"ok")
    response, content = client.request("GET", "/accounts/login/")
    expect("login page", response, content, 200, "Đăng nhập".encode())
    if "max-age=" not in response.headers.get("Strict-Transport-Security", ""):
        sys.exit("No HSTS header on the login page.")
    manifest = json.loads((static_root / "staticfiles.json").read_text())["paths"]
    # Our own stylesheet and the vendored file whose missing source map once broke collectstatic.
    for name in ("css/portal.css", "vendor/chart.js-4.6.1/chart.umd.min.js"):
        hashed = manifest[name]
        response, content = client.request("GET", f"/static/{hashed}")
        expect(f"hashed static file /static/{hashed}", response, content, 200)
        if content != (static_root / hashed).read_bytes():
            sys.exit(f"/static/{hashed} does not serve the collected file.")
    response, content = client.request("GET", "/api/schema/")
    expect("API schema", response, content, 200, b"openapi")
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', client.request("GET", "/accounts/login/")[1])
    form = urlencode({"username": USERNAME, "password": PASSWORD, "csrfmiddlewaretoken": token.group(1).decode()})
    response, content = client.request(
        "POST",
        "/accounts/login/",
        body=form,
        **{"Content-Type": "application/x-www-form-urlencoded", "Referer": "https://127.0.0.1/accounts/login/"},
    )
    expect("log in through the form", response, content, 302)
    for path in ("/", "/delegations/", "/delegations/stats/", "/dashboard/", "/reports/"):
        response, content = client.request("GET", path)
        expect(f"logged-in page {path}", response, content, 200)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8790)
    # A developer sharing PostgreSQL and Redis picks a database name and a Redis number of their own.
    parser.add_argument("--database", default=f"fa_smoke_{os.getpid()}", help="created, then dropped")
    parser.add_argument("--redis-url", default=os.environ.get("SMOKE_REDIS_URL", "redis://127.0.0.1:6379/13"))
    args = parser.parse_args()
    port, database = args.port, args.database
    work = Path(tempfile.mkdtemp(prefix="fa-smoke-"))
    env = {
        **os.environ,
        "DJANGO_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{database}",
        "REDIS_URL": args.redis_url,
        "CELERY_TASK_ALWAYS_EAGER": "0",
        "STATIC_ROOT": str(work / "static"),
        "VAR_DIR": str(work / "var"),
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "2",
        "DJANGO_SUPERUSER_PASSWORD": PASSWORD,
    }
    run("createdb", "-h", "127.0.0.1", "-U", "postgres", database, env=env)
    server = None
    try:
        run(PYTHON, "manage.py", "collectstatic", "--noinput", "-v", "0", env=env)
        run(PYTHON, "manage.py", "migrate", "--noinput", "-v", "0", env=env)
        run(PYTHON, "manage.py", "check", "--deploy", "--fail-level", "WARNING", env=env)
        run(
            PYTHON, "manage.py", "createsuperuser", "--noinput",
            "--username", USERNAME, "--email", "smoke@example.org", env=env,
        )  # fmt: skip
        server = subprocess.Popen([str(GUNICORN), "-c", "gunicorn.conf.py", "foreign_affairs.wsgi"], cwd=ROOT, env=env)
        client = Client(port)
        wait_for_server(client, server)
        check_pages(client, work / "static")
        print("Production smoke passed: static files collected, pages served by gunicorn.")
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", database], env=env)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
