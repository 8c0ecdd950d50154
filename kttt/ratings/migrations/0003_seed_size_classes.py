from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

from kttt.ratings.seed import SIZE_RULES


def seed(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    rule = apps.get_model("ratings", "SizeClassRule")
    rule.objects.bulk_create(rule(**data) for data in SIZE_RULES)


def unseed(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    schemes = {r["scheme"] for r in SIZE_RULES}
    apps.get_model("ratings", "SizeClassRule").objects.filter(scheme__in=schemes).delete()


class Migration(migrations.Migration):
    dependencies = [("ratings", "0002_seed_rating_schemes")]
    operations = [migrations.RunPython(seed, unseed)]
