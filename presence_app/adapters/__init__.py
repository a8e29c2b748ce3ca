"""Adapters: one small interface per outside capability (sound, shortcut, ...).

Each has a real backend per platform and a do-nothing fallback, so the app
keeps working when a platform feature is missing.
"""
