import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "foreign_affairs.settings")

app = Celery("foreign_affairs")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
