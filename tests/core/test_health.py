"""`/gesundheit/`: monitoring sees whether the database answers and a worker is alive."""

import datetime
import json

import pytest
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from ikokmu.tasks import worker_heartbeat
from tests.factories import worker_heartbeat_ran


def health(client):
    response = client.get(reverse("health"))
    return response, json.loads(response.content)


class HealthTests(TestCase):
    def test_without_any_worker_heartbeat_monitoring_gets_503(self):
        response, body = health(self.client)
        self.assertEqual(response.status_code, 503)
        self.assertEqual(body["datenbank"], "ok")
        self.assertEqual(body["hintergrunddienst"], "noch kein Herzschlag")
        self.assertEqual(response["Cache-Control"], "no-store")

    def test_a_recent_heartbeat_makes_the_platform_healthy_and_an_old_one_does_not(self):
        worker_heartbeat_ran()
        response, body = health(self.client)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(body["status"], "ok")
        self.assertIsNotNone(body["letzter_herzschlag"])
        DBTaskResult.objects.filter(task_path=worker_heartbeat.module_path).update(
            finished_at=timezone.now() - datetime.timedelta(minutes=6)
        )
        response, body = health(self.client)
        self.assertEqual(response.status_code, 503)
        self.assertIn("kein Herzschlag seit", body["hintergrunddienst"])

    def test_the_heartbeat_queues_its_next_run_once_and_forgets_old_ones(self):
        worker_heartbeat_ran()
        DBTaskResult.objects.filter(
            task_path=worker_heartbeat.module_path, status="SUCCESSFUL"
        ).update(finished_at=timezone.now() - datetime.timedelta(hours=2))
        worker_heartbeat_ran_again = DBTaskResult.objects.get(
            task_path=worker_heartbeat.module_path, status="READY"
        )
        self.assertGreater(worker_heartbeat_ran_again.run_after, timezone.now())
        DBTaskResult.objects.filter(pk=worker_heartbeat_ran_again.pk).update(
            run_after=timezone.now()
        )
        worker_heartbeat_ran()
        heartbeats = DBTaskResult.objects.filter(task_path=worker_heartbeat.module_path)
        self.assertEqual(heartbeats.filter(status="SUCCESSFUL").count(), 1)
        self.assertEqual(heartbeats.filter(status="READY").count(), 1)


@pytest.mark.django_db(transaction=True)
def test_the_worker_command_beats_and_the_platform_reports_healthy(client):
    response, _body = health(client)
    assert response.status_code == 503
    call_command("worker", "--batch", "--no-reload", "--no-startup-delay", verbosity=0)
    response, body = health(client)
    assert response.status_code == 200, body
    assert body == {
        "status": "ok",
        "datenbank": "ok",
        "hintergrunddienst": "ok",
        "letzter_herzschlag": body["letzter_herzschlag"],
    }
