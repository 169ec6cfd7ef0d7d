"""A folding function for search that forgives umlauts, ß, accents and case.

PostgreSQL's unaccent extension is not available in the embedded server, so the folding is
written out: lower case, ß→ss, ä/ae→a, ö/oe→o, ü/ue→u and common accents. "Müller", "Mueller"
and "muller" all fold to "muller". ikokmu.search folds both the column and the query.
"""

from django.db import migrations

FOLD_SQL = r"""
CREATE OR REPLACE FUNCTION ikokmu_fold(value text) RETURNS text AS $$
    SELECT translate(
        replace(replace(replace(replace(lower(coalesce(value, '')), 'ß', 'ss'),
            'ae', 'a'), 'oe', 'o'), 'ue', 'u'),
        'äöüéèêëáàâíìîóòôúùûçñ', 'aoueeeeaaaiiiooouuucn')
$$ LANGUAGE sql IMMUTABLE PARALLEL SAFE;
"""


class Migration(migrations.Migration):
    dependencies = [("ikokmu", "0003_pending_import")]

    operations = [
        migrations.RunSQL(FOLD_SQL, "DROP FUNCTION IF EXISTS ikokmu_fold(text);"),
    ]
