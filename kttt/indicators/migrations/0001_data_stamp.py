from __future__ import annotations

from typing import Any

from django.db import migrations, models


def create(apps: Any, schema_editor: Any) -> None:
    # The triggers that change it are (re)installed after every migrate: kttt.indicators.apps.
    apps.get_model("indicators", "DataStamp").objects.create(id=1, value=0)


class Migration(migrations.Migration):
    initial = True
    dependencies = [
        ("annual", "0003_reporting_state_and_version"),
        ("areas", "0002_load_official_units"),
        ("plans", "0001_initial"),
        ("ratings", "0003_seed_size_classes"),
        ("registry", "0002_version"),
        ("rules", "0002_seed_legal_rules"),
        ("support", "0001_initial"),
        ("training", "0001_officer_training_and_courses"),
    ]
    operations = [
        migrations.CreateModel(
            name="DataStamp",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("value", models.BigIntegerField(default=0)),
            ],
            options={"verbose_name": "dấu phiên bản dữ liệu", "verbose_name_plural": "dấu phiên bản dữ liệu"},
        ),
        migrations.RunPython(create, migrations.RunPython.noop, elidable=False),
    ]
