"""The local zone is found by name, so it knows daylight saving."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from presence_app.core.localzone import local_zone


@pytest.mark.parametrize(
    ("tz", "zone"),
    [
        ("Europe/Berlin", ZoneInfo("Europe/Berlin")),
        (":Asia/Tokyo", ZoneInfo("Asia/Tokyo")),
        ("", ZoneInfo("UTC")),
    ],
)
def test_tz_names_the_zone(monkeypatch: pytest.MonkeyPatch, tz: str, zone: ZoneInfo) -> None:
    monkeypatch.setenv("TZ", tz)
    assert local_zone() == zone


def test_the_zone_knows_both_sides_of_a_clock_change(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/Berlin")
    zone = local_zone()
    winter = datetime(2026, 1, 15, 12, tzinfo=UTC).astimezone(zone)
    summer = datetime(2026, 7, 15, 12, tzinfo=UTC).astimezone(zone)
    assert (winter.utcoffset(), summer.utcoffset()) == (timedelta(hours=1), timedelta(hours=2))


def test_an_unknown_name_falls_back_to_the_current_offset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Nowhere/Special")
    assert local_zone().utcoffset(datetime.now(UTC)) == datetime.now().astimezone().utcoffset()
