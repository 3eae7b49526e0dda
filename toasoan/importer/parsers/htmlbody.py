"""An article body in HTML (WordPress, feeds, wire copy, saved pages) to paragraphs and figures.

The HTML is parsed with selectolax (Lexbor), never rendered or fetched: an ``<img>`` becomes a
figure whose image is looked up by ``resolve_image`` among local files (a WordPress uploads copy,
the files saved beside a page); a picture that is not there stays a captioned placeholder with a
warning. Paragraph markup is reduced to links and emphasis and sanitised with nh3, like the
editor's. Scripts, styles, frames and forms are dropped (and counted in the warnings).
WordPress conventions are understood: ``[caption]`` shortcodes, paragraphs made of blank lines
(``wpautop``), block comments.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape

import nh3
from selectolax.lexbor import LexborHTMLParser, LexborNode

from toasoan.core.text import normalize_line
from toasoan.importer.parsers.plaintext import ParsedFigure, ParsedParagraph
from toasoan.importer.parsers.textlines import split_credit

Block = ParsedParagraph | ParsedFigure
ImageResolver = Callable[[str], str | None]

_INLINE_TAGS = {"a", "b", "strong", "i", "em", "u", "s", "sub", "sup", "br"}
_LIST_TAGS = {"ul", "ol", "li"}
_DROPPED = {"script", "style", "iframe", "object", "embed", "form", "input", "button", "noscript", "template",
            "svg", "math", "link", "meta", "head", "title", "nav", "aside", "footer", "header"}
_CONTAINERS = {"div", "section", "article", "main", "body", "html", "span", "center", "font", "picture", "tbody"}
_CAPTION_SHORTCODE = re.compile(r"\[caption[^\]]*\](.*?)\[/caption\]", re.IGNORECASE | re.DOTALL)
_BLOCK_TAG = re.compile(r"<\s*(p|div|h[1-6]|figure|blockquote|ul|ol|table)\b", re.IGNORECASE)
_COMMENTS = re.compile(r"<!--.*?-->", re.DOTALL)
MAX_CAPTION = 600
MAX_CREDIT = 200
MAX_DEPTH = 60


def _caption_shortcode(match: re.Match[str]) -> str:
    inner = match.group(1)
    img = re.search(r"<img\b[^>]*>", inner, re.IGNORECASE)
    caption = re.sub(r"<a\b[^>]*>\s*(<img\b[^>]*>)\s*</a>", "", inner, flags=re.IGNORECASE)
    caption = re.sub(r"<img\b[^>]*>", "", caption, flags=re.IGNORECASE).strip()
    return f"<figure>{img.group(0) if img else ''}<figcaption>{caption}</figcaption></figure>"


def _autop(html: str) -> str:
    """WordPress stores paragraphs as blank-line separated text; give them <p> tags."""
    if _BLOCK_TAG.search(html):
        parts = re.split(r"(<(?:figure|blockquote|ul|ol|table|h[1-6])\b.*?</(?:figure|blockquote|ul|ol|table|h[1-6])>)",
                         html, flags=re.IGNORECASE | re.DOTALL)
    else:
        parts = [html]
    out = []
    for part in parts:
        if _BLOCK_TAG.match(part.lstrip()) or not part.strip():
            out.append(part)
            continue
        out.extend(f"<p>{chunk.strip()}</p>" for chunk in re.split(r"\n\s*\n", part) if chunk.strip())
    return "".join(out)


def _text(node: LexborNode) -> str:
    return normalize_line(node.text(deep=True, separator=""))


def _inline_html(node: LexborNode) -> str:
    raw = node.inner_html or ""
    return nh3.clean(raw, tags=_INLINE_TAGS, attributes={"a": {"href", "title"}},
                     url_schemes={"http", "https", "mailto"}, link_rel="noopener noreferrer").strip()


class _Walker:
    def __init__(self, resolve_image: ImageResolver) -> None:
        self.resolve_image = resolve_image
        self.blocks: list[Block] = []
        self.warnings: list[str] = []
        self.dropped = 0

    def figure(self, img: LexborNode | None, caption: str) -> None:
        caption = normalize_line(caption)
        credit = None
        split = split_credit(caption) if caption else None
        if split is not None:
            caption, credit = split
        src = (img.attributes.get("src") or img.attributes.get("data-src") or "") if img is not None else ""
        if not caption and img is not None:
            caption = normalize_line(img.attributes.get("alt") or "")
        path = self.resolve_image(src) if src else None
        if src and path is None:
            self.warnings.append(f"ảnh «{src[:120]}» không có trong các tệp đã lưu: giữ chú thích, thiếu ảnh")
        self.blocks.append(ParsedFigure(caption=caption[:MAX_CAPTION], credit=(credit or None) and credit[:MAX_CREDIT],
                                        image=path, source=src[:500]))

    def paragraph(self, node: LexborNode, *, kind: str = "") -> None:
        for inner in node.css(", ".join(sorted(_DROPPED))):
            self.dropped += 1
            inner.decompose()
        text = normalize_line(node.text(deep=True, separator=" ")) if kind == "list" else _text(node)
        if not text:
            return
        html = _inline_html(node) if kind != "list" else nh3.clean(
            node.html or "", tags=_INLINE_TAGS | _LIST_TAGS, attributes={"a": {"href", "title"}},
            url_schemes={"http", "https", "mailto"}, link_rel="noopener noreferrer")
        self.blocks.append(ParsedParagraph(text=text, html=html, kind=kind))

    def walk(self, node: LexborNode, depth: int = 0) -> None:
        if depth > MAX_DEPTH:
            self.dropped += 1
            return
        child = node.child
        while child is not None:
            self.visit(child, depth)
            child = child.next

    def visit(self, node: LexborNode, depth: int) -> None:
        tag = (node.tag or "").lower()
        if tag == "-text":
            text = normalize_line(node.text_content or "")
            if text:
                self.blocks.append(ParsedParagraph(text=text, html=escape(text, quote=False)))
            return
        if tag in _DROPPED:
            self.dropped += 1
            return
        if tag == "figure":
            caption_node = node.css_first("figcaption")
            imgs = node.css("img")
            if not imgs:
                if caption_node is not None:
                    self.paragraph(caption_node)
                return
            for i, img in enumerate(imgs):
                self.figure(img, _text(caption_node) if caption_node is not None and i == len(imgs) - 1 else "")
            return
        if tag == "img":
            self.figure(node, "")
            return
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self.paragraph(node, kind="heading")
            return
        if tag in {"ul", "ol"}:
            self.paragraph(node, kind="list")
            return
        if tag in {"p", "blockquote", "li", "td", "th", "dd", "dt", "pre", "address"}:
            imgs = node.css("img")
            if imgs:
                for img in imgs:
                    img.decompose()
                rest = _text(node)
                for i, img_node in enumerate(imgs):
                    self.figure(img_node, rest if i == len(imgs) - 1 else "")
                return
            self.paragraph(node, kind="quote" if tag == "blockquote" else "")
            return
        if tag in _CONTAINERS or tag in {"table", "tr", "thead", "dl", "a", "strong", "b", "em", "i", "u"}:
            if tag in {"a", "strong", "b", "em", "i", "u"} and not node.css("img, p, div"):
                self.paragraph(node)
                return
            self.walk(node, depth + 1)
            return
        # Anything else (unknown or custom tags): keep its text.
        self.walk(node, depth + 1)


def html_to_blocks(html: str, *, resolve_image: ImageResolver = lambda _src: None) -> tuple[list[Block], list[str]]:
    """Paragraphs and figures of an article body, and the warnings for the import report."""
    html = _COMMENTS.sub("", html or "")
    html = _CAPTION_SHORTCODE.sub(_caption_shortcode, html)
    html = _autop(html)
    tree = LexborHTMLParser(html)
    walker = _Walker(resolve_image)
    if tree.body is not None:
        walker.walk(tree.body)
    if walker.dropped:
        walker.warnings.append(f"đã bỏ {walker.dropped} phần tử không phải nội dung (script, style, khung nhúng…)")
    return walker.blocks, walker.warnings


def plain_text(html: str) -> str:
    """The text of a short HTML fragment (an excerpt, a summary), one line."""
    if not html:
        return ""
    tree = LexborHTMLParser(f"<div>{html}</div>")
    node = tree.css_first("div")
    return normalize_line(node.text(deep=True, separator=" ")) if node is not None else ""
