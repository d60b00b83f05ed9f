"""The import batch, its row errors and record versions move from `rights` to `core` (the one
ingest path serves every app). State only: the tables keep their names, so no data moves; the
rights migration 0003 drops the models from the rights state and repoints the foreign keys."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0001_initial'),
    ]

    operations = [migrations.SeparateDatabaseAndState(database_operations=[], state_operations=[
        migrations.CreateModel(
            name='ImportBatch',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('file_name', models.CharField(max_length=500, verbose_name='file name')),
                ('checksum', models.CharField(db_index=True, max_length=64, verbose_name='SHA-256')),
                ('size', models.PositiveBigIntegerField(default=0, verbose_name='size (bytes)')),
                ('format', models.CharField(choices=[('csv', 'CSV'), ('xlsx', 'Excel (.xlsx)'), ('xls', 'Excel 97 (.xls)'), ('st36', 'WIPO ST.36 XML (USPTO, EPO)'), ('st96', 'WIPO ST.96 XML')], max_length=8, verbose_name='format')),
                ('kind', models.CharField(choices=[('patents', 'patents'), ('trademarks', 'trademarks'), ('gi', 'geographical-indication products'), ('organizations', 'organizations'), ('designations', 'designations'), ('awards', 'awards'), ('training', 'training events'), ('pledges', 'pledges'), ('grants', 'operation-city grants'), ('funds', 'funds'), ('fund_projects', 'fund pipeline projects'), ('fund_investments', 'fund investments'), ('auction_lots', 'auction lots'), ('trusts', 'trust products')], max_length=16, verbose_name='kind')),
                ('encoding', models.CharField(blank=True, max_length=32, verbose_name='encoding')),
                ('status', models.CharField(choices=[('committed', 'committed'), ('unchanged', 'unchanged (already imported)')], default='committed', max_length=16, verbose_name='status')),
                ('strict', models.BooleanField(default=False, verbose_name='strict')),
                ('rows_total', models.PositiveIntegerField(default=0, verbose_name='rows read')),
                ('rows_ok', models.PositiveIntegerField(default=0, verbose_name='valid rows')),
                ('rows_invalid', models.PositiveIntegerField(default=0, verbose_name='invalid rows')),
                ('rows_created', models.PositiveIntegerField(default=0, verbose_name='created')),
                ('rows_updated', models.PositiveIntegerField(default=0, verbose_name='updated')),
                ('rows_unchanged', models.PositiveIntegerField(default=0, verbose_name='unchanged')),
                ('rows_stale', models.PositiveIntegerField(default=0, verbose_name='older than the register')),
                ('rows_duplicate', models.PositiveIntegerField(default=0, verbose_name='duplicates within the file')),
                ('unresolved_applicants', models.PositiveIntegerField(default=0, verbose_name='applicants without a region')),
                ('actor', models.CharField(max_length=150, verbose_name='actor')),
                ('started', models.DateTimeField(verbose_name='started')),
                ('finished', models.DateTimeField(blank=True, null=True, verbose_name='finished')),
            ],
            options={
                'verbose_name': 'import batch',
                'verbose_name_plural': 'import batches',
                'db_table': 'rights_importbatch',
                'ordering': ['-started', '-id'],
            },
        ),
        migrations.CreateModel(
            name='ImportRowError',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('row', models.PositiveIntegerField(verbose_name='row')),
                ('field', models.CharField(blank=True, max_length=100, verbose_name='field')),
                ('value', models.CharField(blank=True, max_length=500, verbose_name='value')),
                ('reason', models.CharField(max_length=500, verbose_name='reason')),
                ('batch', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='errors', to='core.importbatch')),
            ],
            options={
                'verbose_name': 'import error',
                'verbose_name_plural': 'import errors',
                'db_table': 'rights_importrowerror',
                'ordering': ['batch', 'row', 'id'],
            },
        ),
        migrations.CreateModel(
            name='RecordVersion',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('record_type', models.CharField(max_length=32, verbose_name='record type')),
                ('record_key', models.CharField(db_index=True, max_length=64, verbose_name='record key')),
                ('data', models.JSONField(verbose_name='earlier state')),
                ('replaced_at', models.DateTimeField(auto_now_add=True, verbose_name='replaced at')),
                ('previous_batch', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.importbatch', verbose_name='written by batch')),
                ('replaced_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='replaced_versions', to='core.importbatch', verbose_name='replaced by batch')),
            ],
            options={
                'verbose_name': 'record version',
                'verbose_name_plural': 'record versions',
                'db_table': 'rights_recordversion',
                'ordering': ['record_type', 'record_key', '-id'],
            },
        ),
    ])]
