"""The knowledge base comms staff edit: schema, loading with line numbers, and checks."""
