"""Commands that ask the running app to do something: a thin socket client.

``pause``, ``skip``, ``quiet``, ``status``, ``quit`` and ``settings`` each
send one request (``presence_app.protocol``) and print a calm line about the
reply. They never import Qt, so a desktop shortcut bound to
``presence-app pause`` answers in tens of milliseconds.

With no app running they exit 3 and say how to start it, except ``pause``:
someone who asks for a pause wants one, so it starts the app (detached, the
way this command was started), waits up to ``START_WAIT`` seconds for its
socket to answer, and then sends the pause. The launcher is a parameter so
tests can start a server of their own instead.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any

from presence_app.core.durations import DurationError, parse_duration
from presence_app.core.paths import Paths
from presence_app.core.timewords import at_words, kept_quiet_sentence, reason_label, until_words
from presence_app.core.timezone import local_zone
from presence_app.i18n import N_, _
from presence_app.ipcclient import IpcError, NoRunningApp, send_command
from presence_app.protocol import MAX_PAUSE, check_quiet

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_NO_APP = 0, 1, 2, 3
NOT_RUNNING = N_("Presence is not running. Start it with `presence-app`.")
START_WAIT = 5.0
"""Seconds ``pause`` waits for an app it started to answer."""

Launcher = Callable[[], None]

STATE_LINES = {
    "idle": N_("Presence is waiting for the next bell."),
    "invited": N_("A bell has rung, and its invitation is open."),
    "pausing": N_("A pause is under way."),
    "reflecting": N_("The reflection window is open."),
}


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add this module's commands to the parser."""
    pause = subparsers.add_parser(
        "pause", help=_("start a pause now (starts Presence first if it is not running)")
    )
    pause.add_argument("--length", type=pause_length, metavar="DURATION", help=_("such as 2m"))
    pause.set_defaults(handler=run_pause)
    simple = {
        "skip": (_("let the next bell pass"), run_skip),
        "quit": (_("close Presence"), run_quit),
        "settings": (_("open the settings window"), run_settings),
    }
    for name, (text, handler) in simple.items():
        subparsers.add_parser(name, help=text).set_defaults(handler=handler)
    quiet = subparsers.add_parser("quiet", help=_("keep the bells quiet for a while"))
    quiet.add_argument("spec", nargs="+", metavar="1h | until 17:00 | until tomorrow | off")
    quiet.set_defaults(handler=run_quiet)
    status = subparsers.add_parser(
        "status", help=_("say what Presence is doing and what comes next")
    )
    status.add_argument("--json", action="store_true", help=_("print the full reply as JSON"))
    status.set_defaults(handler=run_status)


def pause_length(text: str) -> timedelta:
    """Read ``--length`` (argparse turns the error into a usage error, exit 2)."""
    try:
        length = parse_duration(text)
    except DurationError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    if not timedelta(0) < length <= MAX_PAUSE:
        raise argparse.ArgumentTypeError(_("a pause can last from 1 second to 3 hours"))
    return length


def request(payload: dict[str, Any], *, paths: Paths | None = None) -> dict[str, Any] | int:
    """Send ``payload``; return the ok reply, or the exit code after saying why not."""
    try:
        reply = send_command(paths or Paths.from_platform(), payload)
    except NoRunningApp:
        print(_(NOT_RUNNING), file=sys.stderr)
        return EXIT_NO_APP
    except IpcError as error:
        print(error, file=sys.stderr)
        return EXIT_FAILED
    if not reply["ok"]:
        print(reply["error"], file=sys.stderr)
        return EXIT_FAILED
    return reply


def _say(reply: dict[str, Any] | int, line: str) -> int:
    if isinstance(reply, int):
        return reply
    print(line)
    return EXIT_OK


def run_skip(args: argparse.Namespace) -> int:
    return _say(request({"command": "skip"}), _("The next bell will pass quietly."))


def run_quit(args: argparse.Namespace) -> int:
    return _say(request({"command": "quit"}), _("Presence has closed. Until next time."))


def run_settings(args: argparse.Namespace) -> int:
    return _say(request({"command": "show", "window": "settings"}), _("The settings are open."))


def run_quiet(args: argparse.Namespace) -> int:
    text = " ".join(" ".join(args.spec).split())
    problem = check_quiet(text)
    if problem is not None:
        print(
            _("{command}: {problem}").format(command="presence-app quiet", problem=problem),
            file=sys.stderr,
        )
        return EXIT_USAGE
    reply = request({"command": "quiet", "spec": text})
    if isinstance(reply, int):
        return reply
    until = _instant(reply.get("quiet_until"))
    if until is None:
        print(_("Quiet is off; the bells will come again."))
    else:
        print(_("Quiet {until}.").format(until=until_words(until, _now(), local_zone())))
    return EXIT_OK


def run_status(args: argparse.Namespace) -> int:
    reply = request({"command": "status"})
    if isinstance(reply, int):
        return reply
    if args.json:
        print(json.dumps(reply, indent=2, sort_keys=True))
    else:
        print("\n".join(status_lines(reply, _now(), local_zone())))
    return EXIT_OK


def status_lines(reply: dict[str, Any], now: datetime, zone: tzinfo) -> list[str]:
    """Describe a status reply in calm sentences, times in local time."""
    state = str(reply.get("state"))
    known = STATE_LINES.get(state)
    lines = [_(known) if known else _("Presence is {state}.").format(state=state)]
    pause_ends = _instant(reply.get("pause_ends"))
    if state == "pausing" and pause_ends is not None:
        until = until_words(pause_ends, now, zone)
        lines = [_("A pause is under way {until}.").format(until=until)]
    lines += _quiet_lines(reply, now, zone)
    quiet_until, reason = _instant(reply.get("quiet_until")), reply.get("quiet_reason")
    next_cue = _instant(reply.get("next_cue"))
    if next_cue is not None:
        line = _("The next bell rings {when}.").format(when=at_words(next_cue, now, zone))
        if reply.get("next_cue_passes"):
            line = _("{next_bell} It will pass quietly, as you asked.").format(next_bell=line)
        lines.append(line)
    elif quiet_until is None and not reason and state in ("idle", "reflecting"):
        lines.append(_("No bell is planned for now."))
    kept = reply.get("kept_quiet")
    kept_at = _instant(kept.get("at")) if isinstance(kept, dict) else None
    if isinstance(kept, dict) and kept_at is not None:
        lines.append(kept_quiet_sentence(str(kept.get("reason")), kept_at, now, zone))
    return lines + capability_lines(reply.get("capabilities"))


def _quiet_lines(reply: dict[str, Any], now: datetime, zone: tzinfo) -> list[str]:
    quiet_until = _instant(reply.get("quiet_until"))
    reason = reply.get("quiet_reason")
    why = reason_label(str(reason)).rstrip(".") if reason else ""
    if quiet_until is not None:
        until = until_words(quiet_until, now, zone)
        if why:
            return [_("Quiet {until}: {reason}.").format(until=until, reason=why)]
        return [_("Quiet {until}.").format(until=until)]
    if why:
        return [_("Quiet for now: {reason}.").format(reason=why)]
    return []


def capability_lines(rows: Any) -> list[str]:
    """One line per thing Presence can or cannot notice here (from ``status``)."""
    if not isinstance(rows, list) or not rows:
        return []
    lines = [_("What Presence notices on this desktop:")]
    for row in rows:
        if isinstance(row, dict):
            advice = f" {row['advice']}" if row.get("advice") and not row.get("works") else ""
            lines.append(f"  {row.get('name')}: {row.get('detail')}{advice}")
    return lines


def _now() -> datetime:
    return datetime.now(UTC)


def _instant(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def run_pause(
    args: argparse.Namespace, *, launch: Launcher | None = None, paths: Paths | None = None
) -> int:
    """Start a pause, starting the app first if it is not running."""
    paths = paths or Paths.from_platform()
    payload: dict[str, Any] = {"command": "pause"}
    if args.length is not None:
        payload["length_seconds"] = round(args.length.total_seconds())
    try:
        reply = send_command(paths, payload)
    except NoRunningApp:
        started = _start_and_wait(paths, launch or launch_app)
        if started != EXIT_OK:
            return started
        return _say(request(payload, paths=paths), _("A pause begins."))
    except IpcError as error:
        print(error, file=sys.stderr)
        return EXIT_FAILED
    if not reply["ok"]:
        print(reply["error"], file=sys.stderr)
        return EXIT_FAILED
    return _say(reply, _("A pause begins."))


def _start_and_wait(paths: Paths, launch: Launcher) -> int:
    try:
        launch()
    except OSError as error:
        print(_("Presence could not be started ({reason}).").format(reason=error), file=sys.stderr)
        return EXIT_FAILED
    deadline = time.monotonic() + START_WAIT
    while time.monotonic() < deadline:
        try:
            if send_command(paths, {"command": "ping"}, timeout=1.0)["ok"]:
                print(_("Presence was not running, so it has been started."))
                return EXIT_OK
        except (NoRunningApp, IpcError):
            pass
        time.sleep(0.05)  # the app is still starting; its socket is not up yet
    print(
        _(
            "Presence was started but did not answer within {count} seconds. "
            "Please try `presence-app pause` again in a moment."
        ).format(count=f"{START_WAIT:g}"),
        file=sys.stderr,
    )
    return EXIT_FAILED


def launch_app() -> None:
    """Start the tray app detached from this terminal (its own session, no stdio).

    It is started the way this command was (``launch_command``), so a frozen
    build starts itself rather than a Python it does not have.
    """
    from presence_app.adapters.autostart import launch_command

    options: dict[str, Any] = {}
    if sys.platform == "win32":  # pragma: no cover - Windows only
        options["creationflags"] = (
            subprocess.DETACHED_PROCESS | subprocess.CREATE_NEW_PROCESS_GROUP
        )
    else:
        options["start_new_session"] = True
    subprocess.Popen(
        launch_command(),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        close_fds=True,
        **options,
    )
