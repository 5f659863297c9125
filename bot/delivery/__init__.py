"""Messages due later, kept in the database: queued in a transaction, sent by one pass at a time.

See ``dispatcher`` for the guarantees (claimed before sending, marked after, overdue rows sent
once after a restart, quiet hours and pauses defer) and ``store`` for queueing.
"""
