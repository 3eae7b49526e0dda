"""``{% fragment "name" %}…{% endfragment %}``: a part of the page cached as declared by the view.

The view (or the page's ``get_context``) declares the fragments with
:func:`toasoan.caching.fragments.declare`; an undeclared name, or a request without declarations (a
preview), simply renders the content.
"""

from __future__ import annotations

from django import template
from django.utils.safestring import mark_safe

from toasoan.caching.fragments import for_request

register = template.Library()


class FragmentNode(template.Node):
    child_nodelists = ("nodelist",)

    def __init__(self, name: template.base.FilterExpression, nodelist: template.NodeList):
        self.name = name
        self.nodelist = nodelist

    def render(self, context: template.Context) -> str:
        fragments = for_request(context.get("request"))
        name = self.name.resolve(context)
        if fragments is None or name not in fragments:
            return self.nodelist.render(context)
        html = fragments.get(name)
        if html is not None:
            fragments.hits.add(name)
            # Our own template output, stored as rendered (already escaped) by the branch below.
            return mark_safe(html)  # noqa: S308
        outer, fragments.rendering = fragments.rendering, name
        try:
            html = self.nodelist.render(context)
        finally:
            fragments.rendering = outer
        fragments.misses.add(name)
        fragments.put(name, html)
        return html


@register.simple_tag(takes_context=True)
def declare_home_fragments(context: template.Context) -> str:
    """In ``{% block fragments %}`` of the home template: declares its cached parts (news/views.py)."""
    from toasoan.news.views import declare_home_fragments as declare

    request, page = context.get("request"), context.get("page")
    if request is not None and page is not None:
        declare(request, home=page)
    return ""


@register.tag("fragment")
def do_fragment(parser: template.base.Parser, token: template.base.Token) -> FragmentNode:
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("{% fragment %} takes one argument: the fragment's name")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(parser.compile_filter(bits[1]), nodelist)


@register.simple_tag(takes_context=True)
def body_blocks(context: template.Context, stream, only: str = "", skip: str = "") -> str:
    """The body's blocks, each cached by its content (toasoan/caching/blocks.py); ``only``/``skip``: block
    types, comma-separated."""
    from toasoan.caching.blocks import render_body

    return render_body(stream, request=context.get("request"), only=[t for t in only.split(",") if t],
                       skip=[t for t in skip.split(",") if t])
