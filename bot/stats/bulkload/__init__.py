"""The bulk street-CSV loader: a worker process where pyarrow and ADBC do the heavy lifting.

A million-row police.uk archive spent most of its careful import turning fields into Python
objects and binding them one at a time. The worker parses with pyarrow's C++ reader, converts
whole columns, and hands them to ADBC's SQLite driver, which binds them to one prepared INSERT
in C. It runs as its own process (``python -m bot.stats.bulkload.worker``) so the bot and the
command line never load Arrow (about 60 MB resident) and never share their interpreter with
the parse. Everything here is free of SQLAlchemy: the importing side compiles the statements
(:mod:`bot.stats.importers.street_bulk`) and the worker runs them.
"""
