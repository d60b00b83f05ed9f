"""Rich text of articles: an allow-list of tags and attributes (nh3, the Rust `ammonia` sanitiser).

Everything else — scripts, event handlers, `style`, `javascript:` links, iframes — is removed. Bodies are
cleaned when saved and again when rendered, so a body written to the database by other means is safe too.
"""

from __future__ import annotations

import html
import re

import nh3

TAGS = {"p", "br", "strong", "b", "em", "i", "u", "h2", "h3", "h4", "ul", "ol", "li", "blockquote",
        "table", "thead", "tbody", "tr", "th", "td", "a", "figure", "figcaption", "sub", "sup", "hr"}
ATTRIBUTES = {"a": {"href", "title"}, "th": {"colspan", "rowspan", "scope"}, "td": {"colspan", "rowspan"}}
URL_SCHEMES = {"http", "https", "mailto"}


def clean(html: str) -> str:
    return nh3.clean(html or "", tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES,
                     link_rel="noopener noreferrer nofollow")


def plain_to_html(text: str) -> str:
    """Plain text (the seed page, a typed notice) as paragraphs, escaped."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n|\n", text or "") if p.strip()]
    return "".join(f"<p>{nh3.clean_text(p)}</p>" for p in paragraphs)


def text_of(body: str) -> str:
    """The visible text of a body (for figure checks, search and summaries)."""
    return re.sub(r"\s+", " ", html.unescape(nh3.clean(body or "", tags=set()))).strip()
