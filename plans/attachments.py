"""What may be attached to a progress entry: the file's real type (read from its content) and size."""

import puremagic
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

# Extension → (kind recognised from the content, MIME type we store and serve). Old Word and Excel
# files share one container (OLE2), so their content cannot tell them apart: both are "ole".
ALLOWED_EXTENSIONS = {
    ".pdf": ("pdf", "application/pdf"),
    ".doc": ("ole", "application/msword"),
    ".xls": ("ole", "application/vnd.ms-excel"),
    ".docx": ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ".xlsx": ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ".png": ("png", "image/png"),
    ".jpg": ("jpeg", "image/jpeg"),
    ".jpeg": ("jpeg", "image/jpeg"),
}
# The signed plan: the document as issued (PDF, Word) or its scan (PDF, JPEG, PNG, TIFF).
SIGNED_DOCUMENT_EXTENSIONS = {
    **{extension: ALLOWED_EXTENSIONS[extension] for extension in (".pdf", ".doc", ".docx", ".png", ".jpg", ".jpeg")},
    ".tif": ("tif", "image/tiff"),
    ".tiff": ("tif", "image/tiff"),
}
_SNIFFED_KINDS = {
    extension: kind for extension, (kind, _mime) in {**ALLOWED_EXTENSIONS, **SIGNED_DOCUMENT_EXTENSIONS}.items()
}


def _extension(name: str) -> str:
    dot = name.rfind(".")
    return name[dot:].lower() if dot >= 0 else ""


def _sniffed_kinds(upload) -> set[str]:
    """The kinds the content looks like, among the sniffer's most confident answers."""
    upload.seek(0)
    head = upload.read(64 * 1024)
    upload.seek(0)
    try:
        matches = puremagic.magic_string(head)
    except puremagic.PureError:
        return set()
    best = max((match.confidence for match in matches), default=0)
    kinds = {_SNIFFED_KINDS.get(m.extension.lower()) for m in matches if m.confidence == best}
    return {kind for kind in kinds if kind is not None}


def attachment_check(upload) -> str:
    """Return the MIME type to store for a file attached to a progress entry.

    Raises ValidationError when the file is empty, too large, of a kind not accepted, or when its
    content is not what its extension claims (an .exe renamed .pdf).
    """
    return _checked(
        upload,
        limit=settings.PROGRESS_ATTACHMENT_MAX_BYTES,
        allowed=ALLOWED_EXTENSIONS,
        kinds_message=_("The file %(name)s is not accepted: attach PDF, Word, Excel or image (PNG, JPG) files."),
    )


def signed_document_check(upload) -> None:
    """Validate a plan's signed document: PDF or Word, or a scan (PDF, JPEG, PNG, TIFF), checked by content.

    Used as the model field's validator, so the admin, the API and any future form refuse the same
    files. A file already stored (not a new upload) is not read again.
    """
    if getattr(upload, "_committed", True) and not hasattr(upload, "content_type"):
        return
    _checked(
        upload,
        limit=settings.PLAN_DOCUMENT_MAX_MB * 1024 * 1024,
        allowed=SIGNED_DOCUMENT_EXTENSIONS,
        kinds_message=_("The file %(name)s is not accepted: the signed plan must be a PDF, a Word file or a scan."),
    )


def _checked(upload, *, limit: int, allowed: dict, kinds_message) -> str:
    if not upload.size:
        raise ValidationError(_("The file %(name)s is empty.") % {"name": upload.name}, code="empty")
    if upload.size > limit:
        raise ValidationError(
            _("The file %(name)s is %(size)s; files may be at most %(limit)s.")
            % {"name": upload.name, "size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    extension = _extension(upload.name)
    if extension not in allowed:
        raise ValidationError(kinds_message % {"name": upload.name}, code="extension")
    kind, mime_type = allowed[extension]
    if kind not in _sniffed_kinds(upload):
        raise ValidationError(
            _("The content of %(name)s is not a real %(extension)s file; it was refused.")
            % {"name": upload.name, "extension": extension},
            code="content",
        )
    return mime_type
