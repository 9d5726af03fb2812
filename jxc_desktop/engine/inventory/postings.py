"""Registers the postings of the warehouse documents with the document framework."""
