from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

from kttt.areas.loader import load_units


def load(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    load_units(
        apps.get_model("areas", "AdminUnit"),
        apps.get_model("areas", "CommuneMapping"),
        apps.get_model("areas", "ProvinceMapping"),
    )


def unload(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    for name in ("CommuneMapping", "ProvinceMapping"):
        apps.get_model("areas", name).objects.all().delete()
    unit = apps.get_model("areas", "AdminUnit")
    for level in ("commune", "district", "province"):
        unit.objects.filter(level=level).update(province=None, parent=None)
    unit.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("areas", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
