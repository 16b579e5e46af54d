"""Type names the apps share."""

from typing import Any

from django.db.models import QuerySet

# A queryset carrying annotations (task_standing, progress_status, expected, …). django-stubs
# follows annotations within a function but not through a signature, so such querysets are typed
# with Any and their annotated lookups are left to the tests.
AnnotatedQuerySet = QuerySet[Any, Any]
