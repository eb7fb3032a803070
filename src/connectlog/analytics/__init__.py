"""Pure functions from entries to patterns: no I/O, no clock. Callers pass the period and today."""
