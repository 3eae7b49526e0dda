"""Hostile inputs through every reader: no crash, nothing unsafe in what would be stored.

Each reader gets generated files built from broken HTML, scripts and event handlers, huge
attributes, wrong encodings and XML entity tricks. A reader may only yield items or
SourceErrors (a Vietnamese reason); an item's HTML never carries a script, a style, an event
handler or a ``javascript:`` URL. Set FUZZ_EXAMPLES to run more (``FUZZ_EXAMPLES=2000`` gives
10,000 inputs over the five readers).
"""

from __future__ import annotations

import os
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toasoan.importer.parsers.plaintext import ParsedFigure, ParsedParagraph
from toasoan.importer.services import ImportItem
from toasoan.importer.sources.common import SourceError
from toasoan.importer.sources.dispatch import read_source

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "150"))
UNSAFE = re.compile(r"<\s*(script|style|iframe|object|embed)|\son\w+\s*=|javascript:", re.IGNORECASE)

HOSTILE = st.sampled_from([
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<a href='javascript:alert(1)'>x</a>",
    "<p style='x' onclick='y'>đoạn</p>", "<svg onload=alert(1)>", "<iframe src=//x></iframe>",
    "<p>" * 200, "</div>" * 50, "<img src='" + "a" * 5000 + "'>", "<!--", "]]>", "<![CDATA[", "&amp;", "&#0;",
    "&lt;script&gt;", "\x00", "\ufeff", "\udcff", "Đoạn văn tiếng Việt có dấu.", "[caption]<img src=a.jpg>x[/caption]",
    "<figure><img src='../../../../etc/passwd'><figcaption>(Ảnh: X)</figcaption></figure>",
    '<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>', "&b;", "<h2>Tiêu đề</h2>",
])
FRAGMENT = st.one_of(HOSTILE, st.text(max_size=30))
BODY = st.lists(FRAGMENT, max_size=12).map("".join)


def _cdata(text: str) -> str:
    return text.replace("]]>", "]]&gt;")


def wxr(title: str, body: str) -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?><rss xmlns:content="http://purl.org/rss/1.0/modules/content/" '
            'xmlns:wp="http://wordpress.org/export/1.2/"><channel><link>https://a.vn</link><item>'
            f"<title><![CDATA[{_cdata(title)}]]></title><content:encoded><![CDATA[{_cdata(body)}]]></content:encoded>"
            "<wp:post_id>1</wp:post_id><wp:post_date_gmt>2021-03-14 01:05:00</wp:post_date_gmt>"
            "<wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item></channel></rss>")


def feed(title: str, body: str) -> str:
    return ('<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
            f"<channel><item><title><![CDATA[{_cdata(title)}]]></title><guid>g1</guid>"
            "<pubDate>Tue, 05 Sep 2023 02:30:00 +0000</pubDate>"
            f"<content:encoded><![CDATA[{_cdata(body)}]]></content:encoded></item></channel></rss>")


def html(title: str, body: str) -> str:
    return (f"<html><head><meta property='article:published_time' content='2023-03-14T08:05:00+07:00'></head>"
            f"<body><h1>{title}</h1><article>{body}</article></body></html>")


def ninjs(title: str, body: str) -> str:
    import json

    return json.dumps({"uri": "u1", "headline": title, "body_html": body, "firstcreated": "2023-09-06T03:30:00Z"})


def newsml(title: str, body: str) -> str:
    return ('<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="g"><contentMeta>'
            f"<contentCreated>2023-09-07T01:45:00Z</contentCreated><headline>{title}</headline></contentMeta>"
            f'<contentSet><inlineXML><html xmlns="http://www.w3.org/1999/xhtml"><body>{body}</body></html>'
            "</inlineXML></contentSet></newsItem>")


KINDS = {"wxr": (wxr, ".xml"), "feed": (feed, ".rss"), "html": (html, ".html"), "ninjs": (ninjs, ".json"),
         "newsml": (newsml, ".xml")}


def _check(items: list) -> None:
    for item in items:
        assert isinstance(item, ImportItem | SourceError), item
        if isinstance(item, SourceError):
            assert item.reason
            continue
        assert item.parsed.title and len(item.parsed.title) <= 255
        assert not item.publishable or item.kind not in ("ninjs", "newsml")
        for block in item.parsed.body:
            if isinstance(block, ParsedParagraph):
                assert not UNSAFE.search(block.html), block.html
            elif isinstance(block, ParsedFigure):
                assert block.image is None  # nothing outside the source's folder, nothing fetched


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_hostile_inputs_never_crash_a_reader(kind, tmp_path_factory):
    build, suffix = KINDS[kind]
    folder = tmp_path_factory.mktemp(kind)

    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
    @given(title=st.one_of(FRAGMENT, st.text(max_size=400)), body=BODY,
           encoding=st.sampled_from(["utf-8", "utf-16", "latin-1", "cp1258"]))
    def check(title: str, body: str, encoding: str) -> None:
        path = folder / f"nguon{suffix}"
        path.write_bytes(build(title, body).encode(encoding, errors="replace"))
        _check(list(read_source(path, kind=kind, options={"uploads": None})))

    check()


def test_a_deeply_nested_page_and_a_huge_attribute(tmp_path):
    path = tmp_path / "sau.html"
    body = "<div>" * 5000 + "chữ" + "</div>" * 5000 + "<p title='" + "x" * 2_000_000 + "'>a</p>"
    path.write_text(html("Tiêu đề", body), encoding="utf-8")
    _check(list(read_source(path, kind="html", options={})))


def test_zip_and_binary_files_are_refused_with_a_reason(tmp_path):
    import zipfile

    archive = tmp_path / "bom.xml"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as bomb:
        bomb.writestr("a.xml", "<" + "a" * 10_000_000)
    for kind in ("wxr", "feed", "newsml", "ninjs", "html", "text"):
        items = list(read_source(archive, kind=kind, options={}))
        assert items and all(isinstance(item, SourceError) and item.reason for item in items), (kind, items)
