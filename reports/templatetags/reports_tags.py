from django import template

from core.formatting import cell_text

register = template.Library()


@register.simple_tag
def report_row(row, kinds):
    """A report table row as (text, numeric) cells written the Vietnamese way, as in the Word file."""
    return [(cell_text(value, kind), kind != "text") for value, kind in zip(row, kinds, strict=True)]
