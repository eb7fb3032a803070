"""Tables, the engine and session, and the migration runner."""
