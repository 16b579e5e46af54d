"""django-simple-history reads who made a change from an attribute it sets on no model class."""

from typing import Any


def record_author(instance: Any, user: Any) -> None:
    """Name the user that the history records for the instance's next save or delete."""
    instance._history_user = user
