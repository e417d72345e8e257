from django.db import migrations


class Migration(migrations.Migration):
    """MailHandoff now lives in the outbox app; its table stays as it is (outbox 0001)."""

    dependencies = [
        ("coalition", "0002_mailhandoff_attempted_at"),
        ("outbox", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="MailHandoff")],
            database_operations=[],
        ),
    ]
