"""Feeds, sitemaps and robots.txt; included before Wagtail's catch-all."""

from django.urls import path

from toasoan.seo import feeds, sitemaps

app_name = "seo"

urlpatterns = [
    path("robots.txt", sitemaps.robots_txt, name="robots"),
    path("sitemap.xml", sitemaps.sitemap_index, name="sitemap_index"),
    path("sitemap-trang.xml", sitemaps.sitemap_pages, name="sitemap_pages"),
    path("sitemap-tin-moi.xml", sitemaps.sitemap_news, name="sitemap_news"),
    path("sitemap-bai-viet-<int:number>.xml", sitemaps.sitemap_articles, name="sitemap_articles"),
    path("rss/", feeds.HomeFeed(), name="feed_home"),
    path("rss/chuyen-muc/<int:pk>/", feeds.SectionFeed(), name="feed_section"),
    path("rss/su-kien/<int:pk>/", feeds.EventFeed(), name="feed_event"),
    path("rss/nhan-vat/<slug:slug>/", feeds.PersonFeed(), name="feed_person"),
]
