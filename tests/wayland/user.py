"""Run a desktop session and the app as an unprivileged user, from a root test.

Why: sway and gnome-shell refuse to run as root, and CI runs as root. So
the Wayland tests create one system user (``presence-test``), give it a
private home and runtime folder under ``/tmp``, a virtual environment it can
read (Debian's ``/usr/bin/python3``, because the test's own Python may live
under ``/root``), and a copy of the app's source, and start every program
as that user.

Main ideas:
- ``unavailable()`` names the one reason the tests cannot run here (not
  root, a missing program); the tests skip with that reason and nothing else.
- The virtual environment holds only the app's runtime dependencies and is
  kept in ``/var/tmp`` between runs, keyed by the dependency list and the
  Python version; the app's code is copied fresh for every session, so the
  tests always run the code under test.
- ``UserSession.spawn`` starts each program in its own process group as the
  user; ``close()`` stops them by process id, newest first, and removes the
  session's folder.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pwd
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
USER_NAME = "presence-test"
SYSTEM_PYTHON = "/usr/bin/python3"
VENV_ROOT = Path("/var/tmp")
DEADLINE_S = 30.0


class Unavailable(Exception):
    """The session cannot run on this machine; the message says why."""


def missing_programs(*programs: str) -> list[str]:
    return [program for program in programs if shutil.which(program) is None]


def unavailable(*programs: str) -> str | None:
    """Why a session as another user cannot run here, or None when it can."""
    if sys.platform != "linux":
        return "Wayland sessions are tested on Linux only"
    if os.geteuid() != 0:
        return "creating the test user needs root (CI runs as root)"
    missing = missing_programs("useradd", SYSTEM_PYTHON, "dbus-daemon", *programs)
    if missing:
        return f"{', '.join(missing)} not installed (scripts/test installs them as root)"
    return None


def wait_for(condition: Callable[[], Any], what: str, timeout: float = DEADLINE_S) -> Any:
    """Poll ``condition`` until it returns something truthy; fail after ``timeout``."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(0.05)  # the polling interval of a condition wait, not a fixed delay


def ensure_user() -> pwd.struct_passwd:
    """Return the test user, creating it (a system user without a home) if needed."""
    with contextlib.suppress(KeyError):
        return pwd.getpwnam(USER_NAME)
    subprocess.run(
        ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", USER_NAME],
        check=True,
        capture_output=True,
    )
    return pwd.getpwnam(USER_NAME)


def runtime_requirements() -> list[str]:
    """The app's runtime dependencies, as pyproject.toml lists them."""
    with (REPO / "pyproject.toml").open("rb") as stream:
        return list(tomllib.load(stream)["project"]["dependencies"])


def user_venv() -> Path:
    """A virtual environment every user can run, with the app's dependencies."""
    requirements = runtime_requirements()
    version = subprocess.run(
        [SYSTEM_PYTHON, "-c", "import sys; print(sys.version)"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    key = hashlib.sha256("\n".join([version, *requirements]).encode()).hexdigest()[:12]
    venv = VENV_ROOT / f"presence-wayland-venv-{key}"
    if (venv / "ready").exists():
        return venv
    shutil.rmtree(venv, ignore_errors=True)
    subprocess.run([SYSTEM_PYTHON, "-m", "venv", str(venv)], check=True, capture_output=True)
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "-q"]
    result = subprocess.run([*pip, *requirements], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"the test user's virtual environment failed: {result.stderr[-500:]}")
    subprocess.run(["chmod", "-R", "a+rX", str(venv)], check=True)
    (venv / "ready").touch()
    return venv


class UserSession:
    """A private home, runtime folder and processes of the test user."""

    def __init__(self, label: str) -> None:
        self.user = ensure_user()
        self.venv = user_venv()
        self.root = Path(tempfile.mkdtemp(prefix=f"presence-{label}-"))
        os.chmod(self.root, 0o755)
        self.home = self._mkdir("home", 0o700)
        self.runtime = self._mkdir("runtime", 0o700)
        self.logs = self._mkdir("logs", 0o777)
        self.src = self.root / "src"
        self._copy_source()
        self._processes: list[subprocess.Popen[bytes]] = []
        self.env: dict[str, str] = {
            "HOME": str(self.home),
            "USER": self.user.pw_name,
            "LOGNAME": self.user.pw_name,
            "PATH": f"{self.venv / 'bin'}:/usr/local/bin:/usr/bin:/bin",
            "XDG_RUNTIME_DIR": str(self.runtime),
            "XDG_CONFIG_HOME": str(self.home / ".config"),
            "XDG_DATA_HOME": str(self.home / ".local/share"),
            "XDG_STATE_HOME": str(self.home / ".local/state"),
            "XDG_CACHE_HOME": str(self.home / ".cache"),
            "LANG": "C.UTF-8",
            "PYTHONPATH": str(self.src),
            "PYTHONUNBUFFERED": "1",
            "PYTHONDONTWRITEBYTECODE": "1",
            "SDL_AUDIODRIVER": "dummy",
            "PYGAME_HIDE_SUPPORT_PROMPT": "1",
        }

    def _mkdir(self, name: str, mode: int) -> Path:
        path = self.root / name
        path.mkdir()
        os.chown(path, self.user.pw_uid, self.user.pw_gid)
        os.chmod(path, mode)
        return path

    def _copy_source(self) -> None:
        ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
        shutil.copytree(REPO / "presence_app", self.src / "presence_app", ignore=ignore)
        shutil.copytree(REPO / "tests" / "wayland", self.src / "helpers", ignore=ignore)
        subprocess.run(["chmod", "-R", "a+rX", str(self.src)], check=True)

    def give(self, path: Path) -> None:
        """Make ``path`` (written by the test as root) the user's own."""
        subprocess.run(
            ["chown", "-R", f"{self.user.pw_uid}:{self.user.pw_gid}", str(path)], check=True
        )

    @property
    def python(self) -> str:
        return str(self.venv / "bin" / "python")

    def spawn(
        self, args: list[str], log_name: str, env: Mapping[str, str] | None = None, **kw: Any
    ) -> subprocess.Popen[bytes]:
        """Start ``args`` as the user in its own process group, output to a log."""
        with (self.logs / log_name).open("ab") as log:
            process = subprocess.Popen(
                args,
                env={**self.env, **(env or {})},
                cwd=self.home,
                user=self.user.pw_uid,
                group=self.user.pw_gid,
                extra_groups=[],
                start_new_session=True,
                stdin=subprocess.DEVNULL,
                stdout=kw.pop("stdout", log),
                stderr=subprocess.STDOUT,
                **kw,
            )
        self._processes.append(process)
        return process

    def run(
        self, args: list[str], env: Mapping[str, str] | None = None, timeout: float = DEADLINE_S
    ) -> subprocess.CompletedProcess[str]:
        """Run ``args`` as the user and wait for it."""
        return subprocess.run(
            args,
            env={**self.env, **(env or {})},
            cwd=self.home,
            user=self.user.pw_uid,
            group=self.user.pw_gid,
            extra_groups=[],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )

    def log(self, name: str) -> str:
        path = self.logs / name
        return path.read_text(errors="replace") if path.exists() else ""

    def start_bus(self, name: str = "bus") -> str:
        """A private ``dbus-daemon`` as the user; return its address."""
        socket = self.runtime / name
        process = self.spawn(
            ["dbus-daemon", "--session", "--nofork", f"--address=unix:path={socket}"],
            f"{name}.log",
        )

        def listening() -> bool:
            if process.poll() is not None:
                raise AssertionError(f"dbus-daemon exited:\n{self.log(name + '.log')}")
            return socket.exists()

        wait_for(listening, f"the {name} to listen")
        return f"unix:path={socket}"

    def stop(self, process: subprocess.Popen[bytes]) -> None:
        """Stop one process (and its group) by its id."""
        if process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        if process in self._processes:
            self._processes.remove(process)

    def close(self) -> None:
        """Stop every process, newest first, and remove the session's folder."""
        for process in reversed(list(self._processes)):
            self.stop(process)
        shutil.rmtree(self.root, ignore_errors=True)
