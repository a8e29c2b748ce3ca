"""Allow ``python -m presence_app`` to do what ``presence-app`` does."""

import sys

from presence_app.cli import main

sys.exit(main())
