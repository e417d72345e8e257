from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0005_practices_updates"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="initiative",
            index=models.Index(fields=["-created_at", "-id"], name="campaigns_initiative_new_idx"),
        ),
    ]
