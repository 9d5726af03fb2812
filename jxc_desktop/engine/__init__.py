"""Every business rule, as plain Python with no Qt: called by the GUI, the CLI and tests."""
