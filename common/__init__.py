"""Small helpers shared by ``intents/`` and ``retrieval/`` (which never import each other).

Imports nothing of shopbot.
"""
