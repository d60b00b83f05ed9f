import django.db.models.deletion
from django.db import migrations, models

# The index Django made for the cells' run (same name on SQLite and PostgreSQL). Dropped by name: Django's
# AlterField would copy the whole table on SQLite (millions of cells) to drop one index.
INDEX = "indicators_observation_run_id_fcce2d7a"


class Migration(migrations.Migration):

    dependencies = [
        ('indicators', '0003_reported_cells_index'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='observation',
                    name='run',
                    field=models.ForeignKey(blank=True, db_index=False, null=True,
                                            on_delete=django.db.models.deletion.SET_NULL,
                                            related_name='observations', to='indicators.computationrun',
                                            verbose_name='computation run'),
                ),
            ],
            database_operations=[
                migrations.RunSQL(f'DROP INDEX IF EXISTS "{INDEX}"',
                                  reverse_sql=f'CREATE INDEX "{INDEX}" ON "indicators_observation" ("run_id")'),
            ],
        ),
    ]
