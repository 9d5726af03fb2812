"""The schema: peewee models over the adapter's database (see db.py)."""
