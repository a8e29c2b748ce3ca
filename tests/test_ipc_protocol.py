"""The command protocol's pure parts: quiet specs and request checks."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from presence_app.protocol import check_quiet, check_request

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.mark.parametrize("text", ["off", "OFF", "1h", "1h 30m", "until 17:00", "Until tomorrow"])
def test_quiet_texts_that_read(text: str) -> None:
    assert check_quiet(text) is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("until 24:00", '"24:00" is not a time of day; write it as HH:MM, such as 17:00.'),
        (
            "until noon",
            '"noon" is not a time of day; write it as HH:MM, such as 17:00.',
        ),
        ("soon", '"soon" is not a quiet time; write 1h, 30m, until 17:00, until tomorrow or off.'),
        ("0s", "Quiet for no time at all would end at once; write a length such as 1h."),
    ],
)
def test_quiet_texts_that_do_not_read_say_what_works(text: str, message: str) -> None:
    assert check_quiet(text) == message


@pytest.mark.parametrize(
    "request_",
    [
        {"command": "ping"},
        {"command": "pause"},
        {"command": "pause", "length_seconds": 120},
        {"command": "pause", "length_seconds": 0.5},
        {"command": "quiet", "spec": "until tomorrow"},
        {"command": "show", "window": "journal"},
        {"command": "status", "extra": "ignored"},
    ],
)
def test_valid_requests_pass(request_: dict[str, object]) -> None:
    assert check_request(request_) is None


def test_a_boolean_is_not_a_length() -> None:
    assert check_request({"command": "pause", "length_seconds": True}) == (
        "length_seconds must be a number of seconds."
    )
