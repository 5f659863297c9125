"""Crime statistics: police.uk street-level data and published counts, stored, queried, explained.

Nothing here knows about Telegram: handlers call :mod:`bot.stats.answers` and render its text.
"""
