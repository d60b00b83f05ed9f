"""The report written in the background: started, polled (HTMX), downloaded — by the user who asked only."""

import json

import pytest
from django.urls import reverse

from ipgov.web import report_tasks
from tests.web.conftest import login

pytestmark = pytest.mark.django_db
LUOYANG, ZHENGZHOU = "410300", "410100"


@pytest.fixture(autouse=True)
def home(settings, tmp_path):
    settings.IPGOV_HOME = tmp_path
    return tmp_path


def _start(client, region=LUOYANG, fmt="html"):
    return client.post(reverse("web:report-task-start"), {"region": region, "period": "2020H1", "format": fmt},
                       HTTP_HX_REQUEST="true")


def test_started_written_and_downloaded(client, luoyang_officer):
    login(client, luoyang_officer)
    response = _start(client)
    assert response.status_code == 200
    task = response.context["task"]
    assert task["stage"] == "done" and task["region"] == LUOYANG and task["format"] == "html"
    body = response.content.decode()
    assert reverse("web:report-task-file", args=[task["id"]]) in body and "every 1s" not in body
    file = client.get(reverse("web:report-task-file", args=[task["id"]]))
    assert file.status_code == 200 and b"<html" in b"".join(file.streaming_content).lower()


def test_a_running_task_polls_itself(client, luoyang_officer, home):
    login(client, luoyang_officer)
    task_id = _start(client).context["task"]["id"]
    state_file = home / "report-tasks" / task_id / "state.json"
    state = json.loads(state_file.read_text())
    state.update(stage="writing", file="")
    state_file.write_text(json.dumps(state))
    body = client.get(reverse("web:report-task", args=[task_id]), HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 1s"' in body and 'aria-current="step"' in body
    assert client.get(reverse("web:report-task-file", args=[task_id])).status_code == 404  # not written yet


def test_only_the_user_who_started_it_sees_it(client, luoyang_officer, make_staff):
    from ipgov.core.choices import Role

    login(client, luoyang_officer)
    task_id = _start(client).context["task"]["id"]
    other = make_staff("ly_other", Role.CITY_OFFICER, LUOYANG)
    client.logout()
    login(client, other)
    assert client.get(reverse("web:report-task", args=[task_id])).status_code == 404
    assert client.get(reverse("web:report-task-file", args=[task_id])).status_code == 404
    assert client.get(reverse("web:report-task", args=["..%2F..%2Fetc"])).status_code == 404


def test_out_of_scope_is_refused_before_any_work(client, luoyang_officer, home):
    login(client, luoyang_officer)
    assert _start(client, region=ZHENGZHOU).status_code == 403
    assert not (home / "report-tasks").exists() or not any((home / "report-tasks").iterdir())


def test_a_failure_ends_in_a_sentence(client, luoyang_officer):
    login(client, luoyang_officer)
    response = client.post(reverse("web:report-task-start"), {"region": LUOYANG, "period": "2020H3"},
                           HTTP_HX_REQUEST="true")
    task = response.context["task"]
    assert task["stage"] == "failed" and "2020H3" in task["error"]
    assert 'role="alert"' in response.content.decode()


def test_stale_tasks_say_so(client, luoyang_officer, home):
    login(client, luoyang_officer)
    task_id = _start(client).context["task"]["id"]
    state_file = home / "report-tasks" / task_id / "state.json"
    state = json.loads(state_file.read_text())
    state.update(stage="reading", started=state["started"] - report_tasks.STALE_AFTER - 1)
    state_file.write_text(json.dumps(state))
    assert report_tasks.state(task_id, luoyang_officer)["stage"] == "failed"
