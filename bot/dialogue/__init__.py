"""The dialogue manager: what the bot says (the server owns transport and persistence).

The server's lifespan calls ``await build_dialogue(settings, sessions)``.

>>> from bot.dialogue import build_dialogue
"""

from bot.dialogue.factory import build_customer_directory, build_dialogue
from bot.dialogue.manager import DialogueManager, summary

__all__ = ["DialogueManager", "build_customer_directory", "build_dialogue", "summary"]
