"""Messages of third-party libraries that ship no Vietnamese translation, for makemessages to collect.

Never imported: xgettext reads the calls below and puts the texts into the top-level catalogue,
where Django finds them when the library asks gettext for them at run time.
"""

from django.utils.translation import gettext_noop, ngettext


def _collected_by_makemessages():
    # Django REST framework's throttling (429).
    gettext_noop("Request was throttled.")
    ngettext("Expected available in {wait} second.", "Expected available in {wait} seconds.", 2)
