"""Subcommands of the command line, one module per topic.

Each module has ``register(subparsers)``, which adds its parsers cheaply and
sets ``handler`` to a function ``(args) -> int``. Heavy imports (Qt, pygame)
happen inside the handlers, so that ``presence-app pause`` answers quickly.
"""
