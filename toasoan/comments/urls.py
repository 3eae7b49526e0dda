from django.urls import path

from toasoan.comments import views

app_name = "comments"
urlpatterns = [
    path("binh-luan/<int:pk>.json", views.comments_feed, name="feed"),
    path("binh-luan/<int:pk>/", views.comments_page, name="page"),
    path("binh-luan/<int:pk>/moi-nhat.json", views.comments_latest, name="latest"),
    path("binh-luan/y-kien/<int:pk>/thich/", views.like, name="like"),
    path("binh-luan/y-kien/<int:pk>/bao-cao/", views.report, name="report"),
]
