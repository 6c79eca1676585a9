"""The case types are known in a process that has served no request yet: the task worker
that sends the hand-over e-mails links staff to the admin's case view from its first job."""

import os
import subprocess
import sys

SCRIPT = """
import django
django.setup()
from kopiena.casework.registry import case_types
from kopiena.grants.models import Application
print(Application(pk=7).notification_url("staff"))
print(sorted(case.model._meta.label for case in case_types()))
"""


def test_a_fresh_process_links_staff_to_the_case_view():
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    url, labels = result.stdout.strip().splitlines()[-2:]
    assert url.endswith("/inspect/7/"), url
    assert url.startswith("http"), url
    assert "kopiena_grants.Application" in labels
    assert "kopiena_monitoring.AnnualReport" in labels
