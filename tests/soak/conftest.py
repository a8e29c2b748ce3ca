"""The soak uses the end-to-end tests' Xvfb and tray host."""

from tests.e2e.conftest import base_env, display, tray_host  # noqa: F401  # shared fixtures
