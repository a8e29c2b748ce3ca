"""PySide6 user interface: thin widgets that ask ``core`` what to show."""
