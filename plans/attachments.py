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
_SNIFFED_KINDS = {extension: kind for extension, (kind, _mime) in ALLOWED_EXTENSIONS.items()}


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
    return {_SNIFFED_KINDS.get(m.extension.lower()) for m in matches if m.confidence == best} - {None}


def attachment_check(upload) -> str:
    """Return the MIME type to store for an uploaded file.

    Raises ValidationError when the file is empty, too large, of a kind not accepted, or when its
    content is not what its extension claims (an .exe renamed .pdf).
    """
    limit = settings.PROGRESS_ATTACHMENT_MAX_BYTES
    if not upload.size:
        raise ValidationError(_("The file %(name)s is empty.") % {"name": upload.name}, code="empty")
    if upload.size > limit:
        raise ValidationError(
            _("The file %(name)s is %(size)s; files may be at most %(limit)s.")
            % {"name": upload.name, "size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    extension = _extension(upload.name)
    if extension not in ALLOWED_EXTENSIONS:
        raise ValidationError(
            _("The file %(name)s is not accepted: attach PDF, Word, Excel or image (PNG, JPG) files.")
            % {"name": upload.name},
            code="extension",
        )
    kind, mime_type = ALLOWED_EXTENSIONS[extension]
    if kind not in _sniffed_kinds(upload):
        raise ValidationError(
            _("The content of %(name)s is not a real %(extension)s file; it was refused.")
            % {"name": upload.name, "extension": extension},
            code="content",
        )
    return mime_type
