from wagtail import hooks

from toasoan.news.admin_listing import drop_redundant_permission_filter

hooks.register("construct_explorer_page_queryset", drop_redundant_permission_filter)
