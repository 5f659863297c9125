"""Keeping only what /privacy promises: the periods (config ``retention``), the words of /privacy
written from them, and the daily job that removes what has outlived them."""
