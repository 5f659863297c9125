"""Conversations for front ends other than Telegram (the web chat, the terminal).

Text or a button's action goes in; the messages to show come out as plain values (``Said``:
a service ``Reply``, with a chart's PNG or a calendar file as bytes). The same services answer
as on Telegram, in the same order, so the front ends behave alike.
"""

from bot.conversation.core import Conversation, FrontEnd
from bot.conversation.said import Attachment, Image, Said
from bot.conversation.state import State, Who

__all__ = ["Attachment", "Conversation", "FrontEnd", "Image", "Said", "State", "Who"]
