import os

from django.http import FileResponse

from .models import Plan, ProgressAttachment


def attachment_response(attachment: ProgressAttachment) -> FileResponse:
    """Stream a stored attachment as a download, never rendered inline (the browser must not sniff it)."""
    response = FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.original_name)
    response["Content-Type"] = attachment.content_type
    response["X-Content-Type-Options"] = "nosniff"
    return response


def plan_document_response(plan: Plan) -> FileResponse:
    """Stream a plan's signed document as a download (MEDIA_ROOT is not served by URL)."""
    name = os.path.basename(plan.signed_document.name)
    response = FileResponse(plan.signed_document.open("rb"), as_attachment=True, filename=name)
    response["X-Content-Type-Options"] = "nosniff"
    return response
