"""The desktop GUI (PySide6): a thin client of the engine."""
