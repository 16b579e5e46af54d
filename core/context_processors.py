from django.conf import settings


def portal(request):
    """Expose the province name to every template (page titles, document headers)."""
    return {"PROVINCE_NAME": settings.PROVINCE_NAME}
