"""The real DialogueManager behind the server, with the dialogue tests' rule-based stages instead of
trained models (``SHOPBOT_SERVER__DIALOGUE_FACTORY=dialogue_wiring:build_dialogue``).

The stage fakes are imported from tests/bot/dialogue/conftest.py (by path, so its name does not clash
with this folder's conftest); the manager, the order repository and the shop tables are production code.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

from bot.dialogue import build_customer_directory  # noqa: F401 - the hub looks for it next to the factory
from bot.dialogue.manager import DialogueManager
from bot.dialogue.turn import Deps
from bot.store.shop import read_store_config, seed_store
from bot.store.shop_repo import SqlCatalog, SqlOrderRepository

FAKES_FILE = Path(__file__).resolve().parents[1] / "dialogue" / "conftest.py"


def _fakes() -> Any:
    spec = importlib.util.spec_from_file_location("dialogue_test_fakes", FAKES_FILE)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


async def build_dialogue(settings: Any, sessions: Any) -> DialogueManager:
    fakes = _fakes()
    store_dir = fakes.demo_store_dir()
    settings.store_dir = store_dir  # the directory seeds from the same store
    await seed_store(sessions, store_dir)
    orders = SqlOrderRepository.from_store_config(sessions, read_store_config(store_dir))
    deps = Deps(fakes.FakeUnderstander(), fakes.FakeRetriever(), fakes.FakeRecommender(), orders=orders,
                catalog=SqlCatalog(sessions), settings=settings.dialogue)
    return DialogueManager(deps)
