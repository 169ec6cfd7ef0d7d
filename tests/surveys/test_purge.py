"""Old records of failed link attempts (client addresses) are deleted by a scheduled command."""

import datetime
from io import StringIO

from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone

from surveys.models import TokenFailure
from surveys.queries import TOKEN_WINDOW, token_guessing_blocked


class PurgeTokenFailuresTests(TestCase):
    def test_purging_deletes_failures_older_than_the_window_and_keeps_the_recent_ones(self):
        now = timezone.now()
        old = [TokenFailure.objects.create(ip_address=f"192.0.2.{n}") for n in range(1, 4)]
        TokenFailure.objects.filter(pk__in=[f.pk for f in old]).update(
            at=now - TOKEN_WINDOW - datetime.timedelta(minutes=1)
        )
        recent = TokenFailure.objects.create(ip_address="198.51.100.7")
        output = StringIO()
        call_command("purge_token_failures", stdout=output)
        self.assertEqual(list(TokenFailure.objects.all()), [recent])
        self.assertIn("3 Fehlversuche gelöscht", output.getvalue())

    def test_purging_does_not_lift_a_running_block(self):
        for _n in range(20):
            TokenFailure.objects.create(ip_address="203.0.113.9")
        call_command("purge_token_failures", stdout=StringIO())
        self.assertTrue(token_guessing_blocked("203.0.113.9"))


class HourlyCleanUpTests(TestCase):
    """The worker keeps one clean-up task queued; each run queues the next one."""

    def test_the_worker_start_queues_one_clean_up_and_a_restart_no_second(self):
        from django_tasks_db.models import DBTaskResult

        from surveys.tasks import housekeeping_schedule, purge_token_failures

        self.assertTrue(housekeeping_schedule())
        self.assertFalse(housekeeping_schedule())
        waiting = DBTaskResult.objects.filter(
            task_path=purge_token_failures.module_path, status="READY"
        )
        self.assertEqual(waiting.count(), 1)

    def test_a_clean_up_run_deletes_old_failures_and_queues_the_next_in_an_hour(self):
        from django_tasks_db.models import DBTaskResult

        from surveys.tasks import purge_token_failures

        failure = TokenFailure.objects.create(ip_address="192.0.2.1")
        TokenFailure.objects.filter(pk=failure.pk).update(
            at=timezone.now() - TOKEN_WINDOW - datetime.timedelta(minutes=1)
        )
        self.assertEqual(purge_token_failures.call(), 1)
        self.assertFalse(TokenFailure.objects.exists())
        following = DBTaskResult.objects.get(
            task_path=purge_token_failures.module_path, status="READY"
        )
        self.assertGreater(following.run_after, timezone.now() + datetime.timedelta(minutes=59))
