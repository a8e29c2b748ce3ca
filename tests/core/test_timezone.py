"""The local zone and wall time → instant, including times a change skips."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from presence_app.core import timezone
from presence_app.core.timezone import local_midnight, local_zone, wall_to_instant


def test_tz_names_a_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "America/New_York")
    assert local_zone() == ZoneInfo("America/New_York")


def test_tz_with_a_leading_colon(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", ":Australia/Lord_Howe")
    assert local_zone() == ZoneInfo("Australia/Lord_Howe")


def test_empty_tz_means_utc(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "")
    assert local_zone() is UTC


def test_tz_as_a_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    source = Path("/usr/share/zoneinfo/Europe/Berlin")
    if not source.exists():
        pytest.skip("no system zoneinfo files")
    copy = tmp_path / "myzone"
    copy.write_bytes(source.read_bytes())
    monkeypatch.setenv("TZ", str(copy))
    zone = local_zone()
    summer = datetime(2026, 7, 1, 12, tzinfo=zone)
    assert summer.utcoffset() == timedelta(hours=2)


def test_unknown_tz_falls_back_to_the_system_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    link = tmp_path / "localtime"
    link.symlink_to("/usr/share/zoneinfo/Asia/Tokyo")
    monkeypatch.setattr(timezone, "_LOCALTIME", link)
    monkeypatch.setenv("TZ", "Not/A_Zone")
    assert local_zone() == ZoneInfo("Asia/Tokyo")


def test_without_tz_or_file_the_current_offset_is_used(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(timezone, "_LOCALTIME", tmp_path / "missing")
    monkeypatch.delenv("TZ", raising=False)
    zone = local_zone()
    assert datetime(2026, 1, 1, tzinfo=zone).utcoffset() is not None


@pytest.mark.parametrize(
    ("zone", "day", "wall", "expected"),
    [
        ("Europe/Berlin", date(2026, 1, 5), time(9, 0), "2026-01-05T08:00"),
        ("Europe/Berlin", date(2026, 3, 29), time(2, 0), "2026-03-29T01:00"),
        ("Europe/Berlin", date(2026, 3, 29), time(2, 59), "2026-03-29T01:00"),
        ("Europe/Berlin", date(2026, 3, 29), time(3, 0), "2026-03-29T01:00"),
        ("Europe/Berlin", date(2026, 10, 25), time(2, 0), "2026-10-25T00:00"),
        ("America/New_York", date(2026, 3, 8), time(2, 30), "2026-03-08T07:00"),
        ("America/New_York", date(2026, 11, 1), time(1, 0), "2026-11-01T05:00"),
        ("Australia/Lord_Howe", date(2026, 10, 4), time(2, 0), "2026-10-03T15:30"),
        ("Australia/Lord_Howe", date(2026, 10, 4), time(2, 29), "2026-10-03T15:30"),
        ("Australia/Lord_Howe", date(2026, 10, 4), time(2, 30), "2026-10-03T15:30"),
        ("Australia/Lord_Howe", date(2026, 4, 5), time(1, 30), "2026-04-04T14:30"),
    ],
)
def test_wall_to_instant(zone: str, day: date, wall: time, expected: str) -> None:
    instant = wall_to_instant(day, wall, ZoneInfo(zone))
    assert instant == datetime.fromisoformat(expected).replace(tzinfo=UTC)


def test_local_midnight() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    noon = datetime(2026, 3, 29, 10, tzinfo=UTC)
    assert local_midnight(noon, berlin) == datetime(2026, 3, 28, 23, tzinfo=UTC)
    assert local_midnight(noon, berlin, days=1) == datetime(2026, 3, 29, 22, tzinfo=UTC)
    assert local_midnight(noon, berlin, days=-1) == datetime(2026, 3, 27, 23, tzinfo=UTC)


def test_a_copied_localtime_file_is_read(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    source = Path("/usr/share/zoneinfo/America/New_York")
    if not source.exists():
        pytest.skip("no system zoneinfo files")
    copy = tmp_path / "localtime"
    copy.write_bytes(source.read_bytes())
    monkeypatch.setattr(timezone, "_LOCALTIME", copy)
    monkeypatch.delenv("TZ", raising=False)
    zone = local_zone()
    assert datetime(2026, 7, 1, tzinfo=zone).utcoffset() == timedelta(hours=-4)
    assert datetime(2026, 1, 1, tzinfo=zone).utcoffset() == timedelta(hours=-5)
