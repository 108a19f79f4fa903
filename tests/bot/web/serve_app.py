"""Run the real app with the fake dialogue under uvicorn (a subprocess the browser tests can kill).

    python tests/bot/web/serve_app.py --port 8765 --db /tmp/x/shopbot.db --cache /tmp/x

``--dialogue-factory module:callable`` (or ``SHOPBOT_WEB_DIALOGUE_FACTORY``) swaps the fake for another
``Dialogue`` built as ``callable(settings)``. ``--real`` serves the demo store with the production
dialogue the app builds itself (models from the ``SHOPBOT_MODEL_DIR``/``INDEX_DIR``/``RECOMMENDER_DIR``
environment, e.g. the tiny trained stack of ``real_stack.py``); ``--store`` serves another store folder.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

AGENT_TOKEN = "test-agent-token"  # signs in as agent1, shown to customers as AGENT_NAME
AGENT_NAME = "Maria"
UNNAMED_AGENT_TOKEN = "test-agent-token-2"  # agent2, no display name


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--cache", type=Path, required=True)
    parser.add_argument("--dialogue-factory", default=os.environ.get("SHOPBOT_WEB_DIALOGUE_FACTORY"))
    parser.add_argument("--real", action="store_true", help="the production dialogue on the demo store")
    parser.add_argument("--store", type=Path, help="the store folder for --real (default: the demo store)")
    args = parser.parse_args()

    import uvicorn
    from fake_dialogue import STORE_DIR, FakeDialogue

    from bot.server.app import create_app
    from bot.settings import DEMO_STORE_DIR, Settings

    store = (args.store or DEMO_STORE_DIR) if args.real else STORE_DIR
    settings = Settings(cache_dir=args.cache, database_url=f"sqlite+aiosqlite:///{args.db}", store_dir=store,
                        agent_tokens=[AGENT_TOKEN, UNNAMED_AGENT_TOKEN], agent_names={"agent1": AGENT_NAME},
                        host="127.0.0.1", port=args.port)
    if args.real:
        app = create_app(settings)
    else:
        if args.dialogue_factory:
            module, _, name = args.dialogue_factory.partition(":")
            dialogue = getattr(importlib.import_module(module), name)(settings)
        else:
            dialogue = FakeDialogue()
        app = create_app(settings, dialogue=dialogue)
    uvicorn.run(app, host="127.0.0.1", port=args.port, log_level="warning", ws_ping_interval=5, ws_ping_timeout=5)


if __name__ == "__main__":
    main()
