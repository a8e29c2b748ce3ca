"""Pure-Python heart of Presence: no Qt, no pygame, time always injected.

A test walks every module below this package and fails if one imports
PySide6, pygame or the ``ui``/``adapters`` layers.
"""
