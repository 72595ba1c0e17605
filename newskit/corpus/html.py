"""Article text, title and date from an HTML page, with the standard library only.

``html.parser`` is enough for saved news pages: the text is taken from the
``<article>`` element (else ``<main>``, else ``<body>``), block by block, without
scripts, styles, navigation, headers, footers, asides, forms and figures. The
title comes from ``og:title``, else the first ``<h1>``, else ``<title>``; the date
from ``article:published_time``, ``date``/``pubdate`` meta tags, JSON-LD
``datePublished`` or the first ``<time datetime>``. (A dependency such as
trafilatura would handle more page layouts but pulls in lxml and a dozen other
packages; the plain parser covers exported news pages and keeps installs small.)
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

SKIP = frozenset("script style noscript nav header footer aside form figure button svg "
                 "template iframe select option head".split())
BLOCK = frozenset("p div h1 h2 h3 h4 h5 h6 li ul ol blockquote section article main br tr "
                  "table pre dd dt".split())
VOID = frozenset("br hr img meta link input source wbr area base col embed param track".split())
DATE_META = ("article:published_time", "datepublished", "date", "pubdate", "dc.date",
             "publishdate", "og:published_time", "dcterms.date")
_LD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]+)"')


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.skip = 0
        self.blocks: dict[str, list[list[str]]] = {"article": [], "main": [], "body": []}
        self.meta: dict[str, str] = {}
        self.title = ""
        self.h1 = ""
        self.times: list[str] = []
        self.ld = ""
        self._in = {"title": False, "h1": False, "ld": False}

    def _containers(self) -> list[str]:
        return [c for c in ("article", "main", "body") if c in self.stack or c == "body"]

    def _new_block(self) -> None:
        for c in self._containers():
            blocks = self.blocks[c]
            if not blocks or blocks[-1]:
                blocks.append([])

    def handle_starttag(self, tag, attrs):
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key and "content" in a:
                self.meta.setdefault(key, a["content"])
            return
        if tag == "time" and a.get("datetime"):
            self.times.append(a["datetime"])
        if tag == "script" and "ld+json" in a.get("type", ""):
            self._in["ld"] = True
        if tag in VOID:
            if tag == "br":
                self._new_block()
            return
        self.stack.append(tag)
        if tag in SKIP:
            self.skip += 1
        if tag in ("title", "h1"):
            self._in[tag] = True
        if tag in BLOCK:
            self._new_block()

    def handle_endtag(self, tag):
        if tag in VOID or tag not in self.stack:
            return
        while self.stack:
            top = self.stack.pop()
            if top in SKIP:
                self.skip -= 1
            if top in ("title", "h1"):
                self._in[top] = False
            if top == tag:
                break
        if tag == "script":
            self._in["ld"] = False
        if tag in BLOCK:
            self._new_block()

    def handle_data(self, data):
        if self._in["ld"]:
            self.ld += data
        if self._in["title"]:
            self.title += data
        if self._in["h1"] and not self.skip:
            self.h1 += data
        if self.skip or not data.strip():
            if data and not data.strip() and not self.skip:
                self._add(" ")
            return
        self._add(data)

    def _add(self, data: str) -> None:
        for c in self._containers():
            if not self.blocks[c]:
                self.blocks[c].append([])
            self.blocks[c][-1].append(data)


def extract_html(markup: str) -> dict:
    """``{"title", "date", "text", "paragraphs"}`` of an HTML page (``text`` may be empty)."""
    page = _Page()
    page.feed(markup)
    page.close()
    title = (page.meta.get("og:title") or " ".join(page.h1.split())
             or " ".join(page.title.split()) or None)
    date = next((page.meta[k] for k in DATE_META if page.meta.get(k)), None)
    if date is None:
        m = _LD_DATE.search(page.ld)
        date = m.group(1) if m else (page.times[0] if page.times else None)
    source = next(page.blocks[c] for c in ("article", "main", "body")
                  if any("".join(b).strip() for b in page.blocks[c]) or c == "body")
    paragraphs = [" ".join("".join(b).split()) for b in source]
    h1 = " ".join(page.h1.split())
    paragraphs = [p for p in paragraphs if p and p != h1]
    return {"title": title, "date": date, "paragraphs": paragraphs,
            "text": "\n\n".join(paragraphs)}
