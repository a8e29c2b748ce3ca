"""The short soak: a simulated day for the real app under Xvfb with a tray host.

See ``scenario`` for the day itself; ``benchmarks/soak.py`` runs a longer
one and prints its figures. About two and a half minutes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.soak import scenario

pytestmark = [pytest.mark.e2e, pytest.mark.soak, pytest.mark.timeout(600)]


def test_a_simulated_day_leaves_exactly_its_entries_and_no_growth(
    base_env: dict[str, str], display: str, tray_host: None, tmp_path: Path
) -> None:
    if scenario.libfaketime() is None:
        pytest.skip("the soak needs libfaketime (Debian: apt-get install faketime)")
    report = scenario.run(base_env, tmp_path, bells=0, pollers=50, say=print)
    print("\n".join(report.lines()))
    assert report.entries == report.expected
    assert report.expected == [
        ("completed", "schedule"),
        ("completed", "command"),
        ("completed", "command"),
        ("completed", "command"),
        ("passed", "schedule"),
    ]
    assert report.poll_failures == []
    assert report.polls > 1000
    assert report.status_s < 1.0
    assert report.growth_mb < 5.0
