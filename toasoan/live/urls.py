from django.urls import path

from toasoan.live import views

app_name = "live"
urlpatterns = [path("truc-tiep/<int:pk>.json", views.updates_feed, name="feed")]
