"""Turning results into terminal output and JSON documents. No database access."""
