"""Fixtures for evaluation tests.

* A small hand-made log with known answers and fake pipelines (``evaluation_fakes``) for the metric
  arithmetic, where exact expected numbers matter.
* The real stack, tiny: the dialogue tests' tiny shop plus a few FAQ entries and the demo store's held-out
  NLU rows, an intent model trained in seconds on the truncated real base model, a retrieval index built
  with it, and a deliberately broken copy of the model (labels shuffled) for the regression gate.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from evaluation_fakes import BAD, GOOD, FakeDialogue, TableUnderstander, cust

from bot.evaluation.logs import Conversation, Turn
from bot.settings import DEMO_STORE_DIR

TINY_STORE = Path(__file__).resolve().parents[1] / "dialogue" / "data" / "tiny_store"
FAQ_ENTRIES = ("faq-shipping-cost", "faq-free-shipping", "faq-return-window")
ROWS_PER_INTENT_LANG = 6


@pytest.fixture
def small_log() -> list[Conversation]:
    """4 gold intents (3 predicted right by GOOD), 2 handoff labels, 1 retrieval and 1 recommendation gold."""
    return [
        Conversation(id="a", language="en", turns=[
            cust("where is my order", intent="order_status", sentiment="neutral", handoff_expected=False),
            Turn(role="bot", text="which order?"),
            cust("shipping cost?", intent="shipping_options", relevant_sources=["faq-2", "faq-9"]),
        ]),
        Conversation(id="b", language="es", turns=[
            cust("quiero hablar con una persona", intent="talk_to_human", sentiment="negative", handoff_expected=True),
        ]),
        Conversation(id="c", language="zh", turns=[
            cust("推荐一双鞋", intent="recommend_product", purchased_item="p7", handoff_expected=False),
            cust("天气怎么样", sentiment="neutral"),
        ]),
    ]


@pytest.fixture
def good_dialogue() -> FakeDialogue:
    return FakeDialogue(TableUnderstander(GOOD), retrieved={"shipping cost?": ["faq-1", "faq-9", "faq-2"]},
                        cards={"推荐一双鞋": ["p3", "p7"]})


@pytest.fixture
def bad_dialogue() -> FakeDialogue:
    return FakeDialogue(TableUnderstander(BAD), retrieved={"shipping cost?": ["faq-5"]})


# ---------------------------------------------------------------------------------------------- real stack
def _jsonl(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def _write(path: Path, rows: list[dict]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def eval_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Tiny shop (4 products, 8 orders) + 3 FAQ entries in en/zh/es + the demo store's held-out NLU rows."""
    d = tmp_path_factory.mktemp("eval") / "store"
    shutil.copytree(TINY_STORE, d)
    faq = [r for r in _jsonl(DEMO_STORE_DIR / "faq.jsonl") if (r.get("source_id") or r["id"]) in FAQ_ENTRIES]
    _write(d / "faq.jsonl", faq)
    shutil.copytree(DEMO_STORE_DIR / "nlu", d / "nlu")
    return d


@pytest.fixture(scope="session")
def eval_train_rows(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A few training rows per (intent, language) of the demo store's training split."""
    seen: dict[tuple[str, str], int] = {}
    rows = []
    for r in _jsonl(DEMO_STORE_DIR / "nlu" / "train.jsonl"):
        key = (r["intent"], r.get("lang", "en"))
        if seen.get(key, 0) < ROWS_PER_INTENT_LANG:
            seen[key] = seen.get(key, 0) + 1
            rows.append(r)
    return _write(tmp_path_factory.mktemp("eval_data") / "train.jsonl", rows)


@pytest.fixture(scope="session")
def eval_model(tiny_base_model_dir: Path, eval_train_rows: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An intent model trained on the tiny base (head only, cached embeddings: seconds)."""
    from training.intents_train import TrainArgs, train_intents

    out = tmp_path_factory.mktemp("eval_models") / "intents"
    args = TrainArgs(epochs=6, batch_size=32, head_lr=5e-3, seed=0, threads=2)
    train_intents(eval_train_rows, None, out, tiny_base_model_dir, args=args, progress=False)
    return out


@pytest.fixture(scope="session")
def broken_model(eval_model: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same weights with the intent labels rotated: a real model that is clearly worse."""
    from intents.model import CONFIG_FILE

    out = tmp_path_factory.mktemp("eval_models") / "broken"
    shutil.copytree(eval_model, out)
    cfg = json.loads((out / CONFIG_FILE).read_text())
    labels = cfg["intent_labels"]
    cfg["intent_labels"] = labels[1:] + labels[:1]
    (out / CONFIG_FILE).write_text(json.dumps(cfg))
    return out


@pytest.fixture(scope="session")
def eval_index(eval_store: Path, tiny_base_model_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from retrieval.documents import load_documents
    from retrieval.embedder import Embedder
    from retrieval.index import DocumentIndex

    docs = load_documents(products=eval_store / "products.jsonl", faq=eval_store / "faq.jsonl")
    out = tmp_path_factory.mktemp("eval_index") / "index"
    DocumentIndex.build(docs, Embedder.load(tiny_base_model_dir)).save(out)
    return out


@pytest.fixture(scope="session")
def stack_env(eval_store: Path, eval_model: Path, eval_index: Path,
              tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """SHOPBOT_* settings pointing the CLI at the tiny real stack (no recommender folder: text-only cards).
    ``SHOPBOT_DATABASE_URL`` names a live database that evaluation must never create."""
    root = tmp_path_factory.mktemp("eval_env")
    return {"SHOPBOT_CACHE_DIR": str(root / "cache"), "SHOPBOT_STORE_DIR": str(eval_store),
            "SHOPBOT_MODEL_DIR": str(eval_model), "SHOPBOT_INDEX_DIR": str(eval_index),
            "SHOPBOT_RECOMMENDER_DIR": str(root / "no-recommender"),
            "SHOPBOT_DATABASE_URL": f"sqlite+aiosqlite:///{root / 'live.db'}", "SHOPBOT_TORCH_THREADS": "2"}


@dataclass(frozen=True)
class Cli:
    """``shopbot ARGS`` run in-process with the tiny stack's settings in the environment."""

    env: dict[str, str]

    def __call__(self, *args: object) -> tuple[int, str, str]:
        from typer.testing import CliRunner

        from bot.cli import app

        with pytest.MonkeyPatch.context() as mp:
            for k, v in self.env.items():
                mp.setenv(k, v)
            res = CliRunner().invoke(app, [str(a) for a in args])
        return res.exit_code, res.stdout, res.stderr

    @property
    def model(self) -> Path:
        return Path(self.env["SHOPBOT_MODEL_DIR"])

    @property
    def live_db(self) -> Path:
        return Path(self.env["SHOPBOT_DATABASE_URL"].split(":///", 1)[1])


@pytest.fixture(scope="session")
def shopbot(stack_env: dict[str, str]) -> Cli:
    return Cli(stack_env)
