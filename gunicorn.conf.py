"""gunicorn's settings, all from the environment (read by `gunicorn foreign_affairs.wsgi`).

The report compilation runs in Celery, so no request should need more than a few seconds; the
timeout only guards against a stuck worker. Exports that take long run as jobs, not requests.
"""

import gc
import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
# The web workers' queries stop a little before gunicorn would kill the worker, so a request that
# runs too long answers a 503 page that says what to do (read by settings.py in each worker).
os.environ.setdefault("DATABASE_STATEMENT_TIMEOUT_MS", str(max(timeout - 10, 1) * 1000))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
# Recycle workers now and then so a slow leak in a library never takes the site down.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "1000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "100"))
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
# Addresses whose X-Forwarded-Proto gunicorn believes (it then tells Django the request was
# HTTPS). gunicorn's own default, loopback only; docker-compose sets "*" because only Caddy can
# reach the web container.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")


# A worker loads templates, URL patterns and catalogues on first use; after these requests it
# freezes what it holds (see post_request).
FREEZE_AFTER_REQUESTS = (1, 25, 100)


def post_request(worker, req, environ, resp):
    """Keep what the worker has loaded out of the garbage collector's full passes.

    A full collection walks every object the process tracks: with Django and the portal loaded
    (180,000 objects) it paused a request for 120-140 ms every few dozen requests (`make bench`: a
    28 ms list answered in 130 ms now and then). Frozen after the first requests, what lives as long
    as the worker is no longer walked (pauses of 10-30 ms); objects made later are collected as
    before. Run after the answer is sent; workers are recycled (max_requests), so what a freeze keeps
    is bounded.
    """
    if worker.nr in FREEZE_AFTER_REQUESTS:
        gc.collect()
        gc.freeze()
