"""Persistence: one async engine per process, Alembic-managed schema, a repository per aggregate."""
