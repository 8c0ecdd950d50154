from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

from kttt.ratings.seed import SCHEMES, THRESHOLDS


def seed(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    scheme_model = apps.get_model("ratings", "RatingScheme")
    criterion_model = apps.get_model("ratings", "Criterion")
    for data in SCHEMES:
        fields = {k: v for k, v in data.items() if k != "criteria"}
        scheme = scheme_model.objects.create(**fields, **THRESHOLDS)
        criterion_model.objects.bulk_create(
            criterion_model(
                scheme=scheme, code=code, group=group, label=label, max_points=points, order=i, verified=verified
            )
            for i, (code, group, label, points, verified) in enumerate(data["criteria"], start=1)
        )


def unseed(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    apps.get_model("ratings", "RatingScheme").objects.filter(code__in=[s["code"] for s in SCHEMES]).delete()


class Migration(migrations.Migration):
    dependencies = [("ratings", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
