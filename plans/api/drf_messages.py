"""DRF messages that plans' API clients meet and that no other catalogue translates yet.

delegations/api/drf_messages.py lists the common ones; a msgid must have one translation only, so
only those missing there are listed here, for makemessages to put into the plans catalogue.
Never imported; only read by makemessages.
"""

from django.utils.translation import gettext_noop

DRF_MESSAGES = [
    gettext_noop("Incorrect authentication credentials."),
    gettext_noop("Invalid input."),
    gettext_noop("Malformed request."),
    gettext_noop("Not found."),
    gettext_noop('Unsupported media type "{media_type}" in request.'),
]
