"""Writing many demo rows at once."""

from django.db import models
from simple_history.utils import bulk_create_with_history


def bulk_create(model: type[models.Model], rows: list) -> list:
    """Create rows at once, with their history records where the model keeps history."""
    if hasattr(model, "history"):
        return bulk_create_with_history(rows, model, batch_size=500)
    return model.objects.bulk_create(rows, batch_size=500)
