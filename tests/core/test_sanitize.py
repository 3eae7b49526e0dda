import pytest

from toasoan.core.sanitize import sanitize_html, sanitize_stored_richtext

ATTACKS = [
    '<script>alert(1)</script><p>ok</p>',
    '<p onclick="alert(1)">ok</p>',
    '<a href="javascript:alert(1)">ok</a>',
    '<a href="JaVaScRiPt:alert(1)">ok</a>',
    '<img src="x" onerror="alert(1)">',
    '<iframe src="https://evil.example"></iframe><p>ok</p>',
    '<p style="background:url(javascript:alert(1))">ok</p>',
    '<svg><script>alert(1)</script></svg>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">ok</a>',
]


@pytest.mark.parametrize("html", ATTACKS)
@pytest.mark.parametrize("clean", [sanitize_html, sanitize_stored_richtext])
def test_no_script_survives(html, clean):
    out = clean(html).lower()
    assert "<script" not in out
    assert "javascript:" not in out
    assert "onerror" not in out and "onclick" not in out
    assert "<iframe" not in out and "style=" not in out and "data:" not in out


def test_stored_rich_text_keeps_wagtail_markers():
    html = '<p><a linktype="page" id="3">x</a><embed embedtype="image" id="5" format="left" alt="a"/></p>'
    out = sanitize_stored_richtext(html)
    assert 'linktype="page"' in out and 'id="3"' in out
    assert 'embedtype="image"' in out


def test_output_links_get_safe_rel():
    assert 'rel="noopener noreferrer"' in sanitize_html('<a href="https://baonghean.vn/">Báo</a>')
