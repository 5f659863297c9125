"""Running several processes on one PostgreSQL database: who holds which background job, the
order of each chat's updates, the knowledge base every process serves, and the checks that
refuse a configuration which cannot work with more than one process.

SQLite runs one bot process at a time (``bot.replicas.single``); the same leases and claims are
used there, with one holder.
"""
