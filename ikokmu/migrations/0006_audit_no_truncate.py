from django.db import migrations

# Row triggers do not fire on TRUNCATE: a statement trigger refuses it too, with the same
# function (TG_OP names the operation). The application role cannot TRUNCATE anyway (it has no
# privilege); this stops the owner role and a set-up that runs the application as the owner.
FORWARD = """
DROP TRIGGER IF EXISTS ikokmu_auditevent_no_truncate ON ikokmu_auditevent;
CREATE TRIGGER ikokmu_auditevent_no_truncate
    BEFORE TRUNCATE ON ikokmu_auditevent
    FOR EACH STATEMENT EXECUTE FUNCTION ikokmu_auditevent_append_only();
"""

BACKWARD = "DROP TRIGGER IF EXISTS ikokmu_auditevent_no_truncate ON ikokmu_auditevent;"


class Migration(migrations.Migration):
    dependencies = [("ikokmu", "0005_audit_kind_mailing")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
