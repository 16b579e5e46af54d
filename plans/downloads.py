from django.http import FileResponse

from .models import ProgressAttachment


def attachment_response(attachment: ProgressAttachment) -> FileResponse:
    """Stream a stored attachment as a download, never rendered inline (the browser must not sniff it)."""
    response = FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.original_name)
    response["Content-Type"] = attachment.content_type
    response["X-Content-Type-Options"] = "nosniff"
    return response
