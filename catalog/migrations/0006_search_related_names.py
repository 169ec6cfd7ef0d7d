"""Measures are also found by the names of their fields of action, offers by their provider,
fields of action and districts: the names are copied into `related_names`, which the generated
search vector reads (weight B, below the title). PostgreSQL 16 cannot change the expression of
a generated column, so the column and its GIN index are dropped and created again."""

import django.contrib.postgres.search
from django.db import migrations, models

import catalog.fields

FILL = """
UPDATE catalog_measure AS m SET related_names = coalesce((
    SELECT string_agg(f.name, ' ' ORDER BY f.position)
    FROM catalog_measure_fields_of_action AS link
    JOIN catalog_fieldofaction AS f ON f.id = link.fieldofaction_id
    WHERE link.measure_id = m.id), '');
UPDATE catalog_offer AS o SET related_names = concat_ws(' ',
    (SELECT p.name FROM catalog_provider AS p WHERE p.id = o.provider_id),
    (SELECT string_agg(f.name, ' ' ORDER BY f.position)
     FROM catalog_offer_fields_of_action AS link
     JOIN catalog_fieldofaction AS f ON f.id = link.fieldofaction_id
     WHERE link.offer_id = o.id),
    (SELECT string_agg(d.name, ' ' ORDER BY d.name)
     FROM catalog_offer_districts AS link
     JOIN districts_district AS d ON d.id = link.district_id
     WHERE link.offer_id = o.id));
"""


def vector(*parts):
    """The search vector expression: (columns, weight) per part, combined with ||."""
    combined = None
    for columns, weight in parts:
        part = django.contrib.postgres.search.SearchVector(*columns, config="german", weight=weight)
        combined = part if combined is None else combined + part
    return combined


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0005_person_days_limit_in_german"),
        ("districts", "0003_postal_code_and_key_validators"),
    ]

    operations = [
        migrations.AddField(
            model_name="measure",
            name="related_names",
            field=models.TextField(default="", editable=False),
        ),
        migrations.AddField(
            model_name="offer",
            name="related_names",
            field=models.TextField(default="", editable=False),
        ),
        migrations.RemoveIndex(model_name="measure", name="measure_search_vector"),
        migrations.RemoveIndex(model_name="offer", name="offer_search_vector"),
        migrations.RemoveField(model_name="measure", name="search_vector"),
        migrations.RemoveField(model_name="offer", name="search_vector"),
        migrations.AddField(
            model_name="measure",
            name="search_vector",
            field=models.GeneratedField(
                db_persist=True,
                expression=vector(
                    (("title",), "A"),
                    (("summary", "related_names"), "B"),
                    (
                        (
                            "description",
                            "expected_benefit",
                            "prerequisites",
                            "success_indicators",
                            "cost_and_funding",
                        ),
                        "C",
                    ),
                ),
                output_field=catalog.fields.TSVectorField(),
            ),
        ),
        migrations.AddField(
            model_name="offer",
            name="search_vector",
            field=models.GeneratedField(
                db_persist=True,
                expression=vector(
                    (("title",), "A"),
                    (("description", "related_names"), "B"),
                    (("languages", "cost"), "C"),
                ),
                output_field=catalog.fields.TSVectorField(),
            ),
        ),
        migrations.AddIndex(
            model_name="measure",
            index=catalog.fields.GinIndex(fields=["search_vector"], name="measure_search_vector"),
        ),
        migrations.AddIndex(
            model_name="offer",
            index=catalog.fields.GinIndex(fields=["search_vector"], name="offer_search_vector"),
        ),
        migrations.RunSQL(FILL, reverse_sql=migrations.RunSQL.noop),
    ]
