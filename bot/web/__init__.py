"""The web chat: a page, a JSON API and an embeddable widget, peers of the Telegram handlers."""
