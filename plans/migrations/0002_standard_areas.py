from django.db import migrations

from plans.standard_areas import STANDARD_AREAS


def load_standard_areas(apps, schema_editor):
    StandardArea = apps.get_model("plans", "StandardArea")
    for order, (code, name) in enumerate(STANDARD_AREAS, start=1):
        StandardArea.objects.update_or_create(code=code, defaults={"name": name, "sort_order": order})


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial")]

    operations = [migrations.RunPython(load_standard_areas, migrations.RunPython.noop)]
