"""Writing a filtered list to CSV or XLSX: the same columns the list shows, every matching row."""

from __future__ import annotations

import csv
import datetime
import decimal
import io

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from ipgov.web.registry import ListPage, resolve_accessor

FORMATS = ("csv", "xlsx")


# OWASP's CSV-injection rule: a spreadsheet reads a cell starting with one of these as a formula (or,
# for tab and CR, lets the next character start one); a leading apostrophe makes it plain text.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """Text a spreadsheet shows as written, never evaluates."""
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def _cell(value):
    """A typed cell value: numbers and dates stay what they are (-3 is a number), text is neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):  # before int: a bool is an int
        return _("yes") if value else _("no")
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, (int, float, decimal.Decimal, datetime.date)):
        return value
    return neutralise(str(value))


def _xlsx_row(sheet, row):
    """Cells typed explicitly: openpyxl would otherwise store any text starting with '=' as a formula."""
    from openpyxl.cell import WriteOnlyCell

    cells = []
    for value in row:
        cell = WriteOnlyCell(sheet, value=value)
        if isinstance(value, str):
            cell.data_type = "s"
        cells.append(cell)
    return cells


def rows(page: ListPage, queryset):
    yield [str(c.label) for c in page.columns]
    for obj in queryset.iterator(chunk_size=2000):
        yield [_cell(resolve_accessor(obj, c.accessor)) for c in page.columns]


class _Echo:
    def write(self, value):
        return value


def export(page: ListPage, queryset, fmt: str):
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    filename = f"ipgov-{page.slug}-{stamp}.{fmt}"
    if fmt == "csv":
        writer = csv.writer(_Echo())

        def stream():
            yield "\ufeff"  # BOM: Excel opens UTF-8 Chinese text correctly
            for row in rows(page, queryset):
                yield writer.writerow(row)

        response = StreamingHttpResponse(stream(), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(title=page.slug)
        for row in rows(page, queryset):
            sheet.append(_xlsx_row(sheet, row))
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        raise ValueError(_("unknown export format %(fmt)r; one of %(formats)s")
                         % {"fmt": fmt, "formats": ", ".join(FORMATS)})
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
