"""RSS 2.0 and Atom feeds of each column, and the portal's sitemap.xml (published pages only)."""

from __future__ import annotations

import datetime

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from ipgov.portal import opendata, sanitize, services
from ipgov.portal.choices import Column
from ipgov.portal.services import policies

ITEMS = 30


class ColumnFeed(Feed):
    def get_object(self, request, column):
        if column not in Column.values:
            raise Http404("no such column")
        return Column(column)

    def title(self, column):
        return f"{column.label}"

    def link(self, column):
        return reverse("portal:column", args=[column.value])

    def description(self, column):
        return str(column.label)

    def items(self, column):
        return services.published_articles(column.value)[:ITEMS]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return sanitize.text_of(item.body)[:300]  # plain text: feed readers render no markup of ours

    def item_link(self, item):
        return reverse("portal:article", args=[item.pk])

    def item_pubdate(self, item):
        return item.publish_at

    def item_author_name(self, item):
        return item.byline or None


class AtomColumnFeed(ColumnFeed):
    feed_type = Atom1Feed
    subtitle = ColumnFeed.description


def sitemap(request):
    base = request.build_absolute_uri("/").rstrip("/")
    urls = [(reverse("portal:index"), None)]
    urls += [(reverse("portal:column", args=[c]), None) for c in Column.values]
    urls += [(reverse("portal:article", args=[a.pk]), a.updated) for a in services.published_articles()]
    urls += [(reverse("portal:policy", args=[p.pk]), None) for p in policies.public_policies()]
    urls.append((reverse("portal:data"), None))
    urls += [(reverse("portal:indicator", args=[ind.id]), None) for ind in opendata.public_indicators()]
    urls += [(reverse("portal:region", args=[code]), None) for code, _name in opendata.regions()]
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for path, changed in urls:
        lastmod = f"<lastmod>{changed.astimezone(datetime.UTC):%Y-%m-%d}</lastmod>" if changed else ""
        lines.append(f"<url><loc>{escape(base + path)}</loc>{lastmod}</url>")
    lines.append("</urlset>")
    return HttpResponse("\n".join(lines), content_type="application/xml; charset=utf-8")
