"""The use cases: entries, concepts, people, profiles. No Typer, no Rich."""
