"""Names the admin shows for django-celery-beat, which ships no Vietnamese catalogue.

Marked here so that makemessages puts them in the reports catalogue, where they are translated;
Django merges every app's catalogue, so the beat admin then reads in Vietnamese.
"""

from django.utils.translation import gettext_noop

BEAT_ADMIN_NAMES = [
    gettext_noop("Periodic Tasks"),
    gettext_noop("periodic task"),
    gettext_noop("periodic tasks"),
    gettext_noop("crontab"),
    gettext_noop("crontabs"),
    gettext_noop("interval"),
    gettext_noop("intervals"),
    gettext_noop("clocked"),
    gettext_noop("solar event"),
    gettext_noop("solar events"),
    gettext_noop("Name"),
    gettext_noop("Enabled"),
    gettext_noop("Description"),
    gettext_noop("Crontab Schedule"),
    gettext_noop("Interval Schedule"),
    gettext_noop("Clocked Schedule"),
    gettext_noop("Solar Schedule"),
    gettext_noop("Minute(s)"),
    gettext_noop("Hour(s)"),
    gettext_noop("Day(s) Of The Week"),
    gettext_noop("Day(s) Of The Month"),
    gettext_noop("Month(s) Of The Year"),
    gettext_noop("Cron Timezone"),
    gettext_noop("Positional Arguments"),
    gettext_noop("Keyword Arguments"),
    gettext_noop("Queue Override"),
    gettext_noop("Last Run Datetime"),
    gettext_noop("Total Run Count"),
    gettext_noop("Last Modified"),
    gettext_noop("Start Datetime"),
    gettext_noop("Expires Datetime"),
    gettext_noop("One-off Task"),
    gettext_noop("Priority"),
]
