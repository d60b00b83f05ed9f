# The classifications branch and the ingest branch each added a 0003 to rights; this joins them.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("rights", "0003_classifications"),
        ("rights", "0003_ingest_models_to_core"),
    ]
    operations = []
