"""Rounds from before part 2 linked every invitation's response to its invitation. The new
`anonymity` field defaulted to anonymous; a round whose responses carry that link is in truth
personalised, and its respondents' links find their responses only through it."""

from django.db import migrations


def mark_linked_rounds_personalised(apps, schema_editor):
    SurveyRound = apps.get_model("surveys", "SurveyRound")
    SurveyRound.objects.filter(responses__invitation__isnull=False).update(anonymity="personalised")


class Migration(migrations.Migration):
    dependencies = [("surveys", "0005_rounds_part_two")]

    operations = [
        migrations.RunPython(mark_linked_rounds_personalised, migrations.RunPython.noop),
    ]
