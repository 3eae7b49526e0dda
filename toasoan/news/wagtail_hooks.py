from wagtail import hooks

from toasoan.news.admin_listing import drop_redundant_permission_filter, load_bodies_with_rows

hooks.register("construct_explorer_page_queryset", drop_redundant_permission_filter)
hooks.register("construct_explorer_page_queryset", load_bodies_with_rows)
