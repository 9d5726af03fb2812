"""jxc_desktop: an offline-first desktop 进销存 ERP for small businesses."""

__version__ = "0.1.0"
