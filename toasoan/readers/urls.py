from django.urls import path

from toasoan.readers import views

app_name = "readers"
urlpatterns = [
    path("binh-luan/tai-khoan/", views.account, name="account"),
    path("binh-luan/tai-khoan/dang-ky/", views.sign_up, name="sign_up"),
    path("binh-luan/tai-khoan/dang-nhap/", views.sign_in, name="sign_in"),
    path("binh-luan/tai-khoan/dang-xuat/", views.sign_out, name="sign_out"),
    path("binh-luan/tai-khoan/du-lieu.json", views.export, name="export"),
    path("binh-luan/tai-khoan/xoa/", views.delete, name="delete"),
    path("binh-luan/tai-khoan/quen-mat-khau/", views.forgot, name="forgot"),
    path("binh-luan/tai-khoan/dat-lai-mat-khau/<str:token>/", views.reset, name="reset"),
    path("binh-luan/tai-khoan/xac-nhan/<str:token>/", views.confirm, name="confirm"),
    path("binh-luan/tai-khoan/gui-lai-xac-nhan/", views.resend, name="resend"),
    path("binh-luan/tai-khoan/xoa-so-dien-thoai/", views.forget_phone, name="forget_phone"),
]
