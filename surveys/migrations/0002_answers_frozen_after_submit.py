"""The database refuses new or changed answers once their response is submitted, so no code path
(a second tab, a late request) can change a submitted response. Deleting stays possible, for
deletion of personal data."""

from django.db import migrations

FORWARD = """
CREATE FUNCTION surveys_answer_refuse_after_submit() RETURNS trigger AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM surveys_response
               WHERE id = NEW.response_id AND submitted_at IS NOT NULL) THEN
        RAISE EXCEPTION 'response % is submitted; its answers cannot change', NEW.response_id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER surveys_answer_frozen_after_submit
    BEFORE INSERT OR UPDATE ON surveys_answer
    FOR EACH ROW EXECUTE FUNCTION surveys_answer_refuse_after_submit();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS surveys_answer_frozen_after_submit ON surveys_answer;
DROP FUNCTION IF EXISTS surveys_answer_refuse_after_submit();
"""


class Migration(migrations.Migration):
    dependencies = [("surveys", "0001_initial")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
