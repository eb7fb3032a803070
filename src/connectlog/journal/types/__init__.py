"""The plain types of the journal: what its use cases return and the renderers read.

Frozen dataclasses and named tuples, with nothing of the database in them, so
that ``render/`` and ``cli/`` can use them without loading SQLAlchemy, and the
everyday commands never load pydantic (the models in :mod:`connectlog.models`
declare the same fields; ``tests/test_fields.py`` holds these to them). One
module a subject, so that a command makes only the classes it uses (making a
dataclass runs code: all of them at once cost a listing 3% more).
"""
