from wagtail import hooks

from toasoan.caching.tags import add_cache_tags, page_tags


@hooks.register("before_serve_page")
def tag_served_page(page, request, serve_args, serve_kwargs):
    """Every Wagtail page served to readers carries the cache tags of what it lists."""
    add_cache_tags(request, *page_tags(page.specific if type(page).__name__ == "Page" else page))
