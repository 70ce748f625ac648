"""Load the skills referential (CRCN competences and trade skills) into every database."""

from django.db import migrations


def load(apps, schema_editor):
    from maillage.skills.referential import load_referential

    load_referential(apps.get_model("skills", "Skill"))


class Migration(migrations.Migration):
    dependencies = [("skills", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
