from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from members.language import set_language

from . import dashboard, views

# The admin signs in through allauth: its rate limits and two-factor authentication apply.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "Coalition staff"
admin.site.site_title = "Coalition staff"

urlpatterns = [
    path("", views.home, name="home"),
    path("about/", views.about, name="about"),
    path("partner/", views.partner, name="partner"),
    path("contact/", views.contact, name="contact"),
    path("privacy/", views.privacy, name="privacy"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("healthz", views.healthz, name="healthz"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("", include("pledges.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("", include("members.urls")),
    path("", include("campaigns.urls")),
]
