from django.urls import path

from . import views

app_name = "members"

urlpatterns = [
    path("apply/", views.apply, name="apply"),
    path("apply/from/<slug:slug>/", views.apply_referred, name="apply_referred"),
    path("apply/status/", views.apply_status, name="apply_status"),
    path("apply/withdraw/", views.apply_withdraw, name="apply_withdraw"),
    path("org/", views.org_profile, name="org_profile"),
    path("org/edit/", views.org_profile_edit, name="org_profile_edit"),
    path("org/team/", views.org_team, name="org_team"),
    path("org/team/<int:pk>/role/", views.team_role, name="team_role"),
    path("org/team/<int:pk>/reminders/", views.team_reminders, name="team_reminders"),
    path("org/team/<int:pk>/remove/", views.team_remove, name="team_remove"),
    path("org/invitations/<int:pk>/resend/", views.invitation_resend, name="invitation_resend"),
    path("org/invitations/<int:pk>/revoke/", views.invitation_revoke, name="invitation_revoke"),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
    path("directory/", views.directory, name="directory"),
    path("account/", views.account, name="account"),
    path("account/name/", views.account_name, name="account_name"),
    path("account/data/", views.account_data, name="account_data"),
    path("account/delete/", views.account_delete, name="account_delete"),
]
