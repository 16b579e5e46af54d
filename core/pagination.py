"""Paging lists that may hold millions of rows: HTML pages that count at most what they show, API keysets."""

import binascii
import datetime
import decimal
import json
from base64 import urlsafe_b64decode as b64decode
from base64 import urlsafe_b64encode as b64encode
from typing import Any

from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, Paginator
from django.db.models import Q, QuerySet
from django.utils.functional import cached_property
from rest_framework.exceptions import NotFound
from rest_framework.pagination import CursorPagination
from rest_framework.settings import api_settings
from rest_framework.utils.urls import replace_query_param


class CappedPaginator(Paginator):
    """Reach at most `max_pages` pages; count with a LIMIT, so a huge list costs what its pages cost.

    `capped` says there are more rows than the pages reach (the page then asks to narrow the
    filters); a page number past the reachable ones shows the last reachable page.
    """

    def __init__(self, object_list, per_page, *args, max_pages: int, **kwargs):
        super().__init__(object_list, per_page, *args, **kwargs)
        self.max_pages = max_pages

    @property
    def cap(self) -> int:
        return self.max_pages * int(self.per_page)

    @cached_property
    def _counted(self) -> int:
        # COUNT(*) over a subquery with LIMIT cap + 1: it stops at one row past what the pages reach.
        # Unordered and keys only, so that the database may take whichever index answers the filters.
        rows: Any = self.object_list
        if isinstance(rows, QuerySet):
            rows = rows.order_by().values("pk")
        return len(rows[: self.cap + 1]) if isinstance(rows, list | tuple) else rows[: self.cap + 1].count()

    @cached_property
    def count(self) -> int:
        return min(self._counted, self.cap)

    @cached_property
    def capped(self) -> bool:
        return self._counted > self.cap

    def validate_number(self, number):
        try:
            return super().validate_number(number)
        except EmptyPage:
            if self.capped and int(number) > self.num_pages:
                return self.num_pages
            raise


class KeysetPagination(CursorPagination):
    """Cursor pagination on the whole ordering key, so any depth reads the index from where it stopped.

    DRF's CursorPagination positions on the first ordering field and skips ties with an OFFSET; here
    the cursor carries every field of the order (the view's `ordering`, or the client's `ordering`
    through OrderingFilter, with `id` appended so the key is unique). The answer is
    {"next", "previous", "results"}: no count, which would cost a scan of the whole list. The
    ordering fields must be model fields that are never null (NULL does not compare).
    """

    tiebreaker = "id"

    def get_page_size(self, request):
        # Read per request, so that PAGE_SIZE set by the settings (and by tests) applies.
        return api_settings.PAGE_SIZE

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        self.base_url = request.build_absolute_uri()
        self.page_size = self.get_page_size(request)
        if not self.page_size:
            return None
        self.ordering = self._unique_ordering(self.get_ordering(request, queryset, view))
        self.model = queryset.model
        position, self.reverse = self._decode(request)
        order = tuple(_flip(field) for field in self.ordering) if self.reverse else self.ordering
        queryset = queryset.order_by(*order)
        if position is not None:
            queryset = queryset.filter(_after(order, position))
        rows = list(queryset[: self.page_size + 1])
        more = len(rows) > self.page_size
        self.page = rows[: self.page_size]
        if self.reverse:
            self.page.reverse()
        self.has_next = True if self.reverse else more
        self.has_previous = more if self.reverse else position is not None
        return self.page

    def get_next_link(self):
        if not self.has_next or not self.page:
            return None
        return self._link(self.page[-1], reverse=False)

    def get_previous_link(self):
        if not self.has_previous or not self.page:
            return None
        return self._link(self.page[0], reverse=True)

    def get_html_context(self):
        return {"previous_url": self.get_previous_link(), "next_url": self.get_next_link()}

    def _unique_ordering(self, ordering) -> tuple[str, ...]:
        names = [field.lstrip("-") for field in ordering]
        if self.tiebreaker in names:
            return tuple(ordering)
        return (*ordering, ("-" if ordering and ordering[-1].startswith("-") else "") + self.tiebreaker)

    def _link(self, row, *, reverse: bool) -> str:
        values = [_json_value(getattr(row, field.lstrip("-"))) for field in self.ordering]
        payload = json.dumps({"p": values, "r": int(reverse)}, separators=(",", ":")).encode()
        return replace_query_param(str(self.base_url), self.cursor_query_param, b64encode(payload).decode("ascii"))

    def _decode(self, request) -> tuple[list | None, bool]:
        encoded = request.query_params.get(self.cursor_query_param)
        if encoded is None:
            return None, False
        try:
            payload = json.loads(b64decode(encoded.encode("ascii")))
            values = payload["p"]
            if len(values) != len(self.ordering):
                raise ValueError
            fields = [self.model._meta.get_field(field.lstrip("-")) for field in self.ordering]
            return [field.to_python(value) for field, value in zip(fields, values, strict=True)], bool(payload["r"])
        except (TypeError, ValueError, KeyError, UnicodeError, binascii.Error, ValidationError) as error:
            raise NotFound(self.invalid_cursor_message) from error


def _flip(field: str) -> str:
    return field[1:] if field.startswith("-") else f"-{field}"


def _after(order: tuple[str, ...], position: list) -> Q:
    """Rows strictly after `position` in `order`: (a, b) < (x, y) written as a < x OR (a = x AND b < y).

    The extra bound on the first field (a <= x) lets the database start its index scan at the position
    instead of filtering from the first row.
    """
    condition = Q()
    equal: dict = {}
    for field, value in zip(order, position, strict=True):
        name = field.lstrip("-")
        condition |= Q(**equal, **{f"{name}__{'lt' if field.startswith('-') else 'gt'}": value})
        equal[name] = value
    first = order[0]
    return Q(**{f"{first.lstrip('-')}__{'lte' if first.startswith('-') else 'gte'}": position[0]}) & condition


def _json_value(value):
    if isinstance(value, datetime.date):  # datetimes too
        return value.isoformat()
    return str(value) if isinstance(value, decimal.Decimal) else value
