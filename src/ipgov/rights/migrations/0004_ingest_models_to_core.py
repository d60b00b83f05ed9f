"""ImportBatch, ImportRowError and RecordVersion now live in `core` (see core 0002): the state
forgets them here and the register's foreign keys point to core's models — same tables, same
constraints, so the database is untouched. Their content types follow them (audit entries of
earlier batches keep pointing at the right rows)."""

import django.db.models.deletion
from django.db import migrations, models


def move_content_types(apps, schema_editor, source="rights", target="core"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in ("importbatch", "importrowerror", "recordversion"):
        if ContentType.objects.filter(app_label=source, model=model).exists():
            ContentType.objects.filter(app_label=target, model=model).delete()
            ContentType.objects.filter(app_label=source, model=model).update(app_label=target)


def move_back(apps, schema_editor):
    move_content_types(apps, schema_editor, source="core", target="rights")


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0002_ingest_models'),
        ('rights', '0003_classifications'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.RunPython(move_content_types, move_back),
        migrations.SeparateDatabaseAndState(database_operations=[], state_operations=[
        migrations.AlterField(
            model_name='giproduct',
            name='batch',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='gi_products', to='core.importbatch', verbose_name='last written by batch'),
        ),
        migrations.RemoveField(
            model_name='recordversion',
            name='previous_batch',
        ),
        migrations.RemoveField(
            model_name='recordversion',
            name='replaced_by',
        ),
        migrations.AlterField(
            model_name='trademark',
            name='batch',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='trademarks', to='core.importbatch', verbose_name='last written by batch'),
        ),
        migrations.AlterField(
            model_name='patent',
            name='batch',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='patents', to='core.importbatch', verbose_name='last written by batch'),
        ),
        migrations.DeleteModel(
            name='ImportRowError',
        ),
        migrations.DeleteModel(
            name='RecordVersion',
        ),
        migrations.DeleteModel(
            name='ImportBatch',
        ),
    ]),
    ]
