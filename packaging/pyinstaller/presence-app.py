"""Entry point of the frozen build: the same command line as ``presence-app``."""

import sys

from presence_app.cli import main

if __name__ == "__main__":
    sys.exit(main())
