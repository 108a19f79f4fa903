"""Tiny planted data for the recommender tests: chained item ids and a 13-product store."""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pytest

from retrieval.recommender.train import TrainConfig

GROUPS = 10  # item chains g0 -> g1 -> g2 -> g3 for g in 0..9


def chain_sequences(users: int = 300, seed: int = 0) -> dict[str, list[str]]:
    """Each user walks 2-3 random chains in order: after ``c{g}_1`` always comes ``c{g}_2``."""
    r = random.Random(seed)
    out = {}
    for u in range(users):
        seq: list[str] = []
        for g in r.sample(range(GROUPS), r.choice([2, 3])):
            seq += [f"c{g}_{j}" for j in range(4)]
        out[f"u{u}"] = seq
    return out


FAST = TrainConfig(dim=32, layers=1, heads=1, max_len=20, dropout=0.1, epochs=30, batch_size=32, lr=5e-3,
                   patience=30, eval_every=5, val_users=200, time_budget_s=120, tune_cooccurrence=False)


@contextmanager
def one_thread() -> Iterator[None]:
    """Tiny models train much faster on one thread when the machine's cores are shared."""
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(before)


def _product(pid: str, title: str, category: str, brand: str, price: float, *, stock: int = 5,
             sizes: tuple[str, ...] = ("M",), colours: tuple[str, ...] = ("black",), **facts: object) -> dict:
    return {"id": pid, "title": title, "description": f"{title} by {brand}.", "category": category, "brand": brand,
            "price": price, "currency": "USD", "image": f"/static/{pid}.svg", "rating": 4.5,
            "attributes": {"colour": list(colours), "size": list(sizes), **facts},
            "variants": [{"sku": f"{pid}-{c}-{s}", "colour": c, "size": s, "stock": stock}
                         for c in colours for s in sizes]}


PRODUCTS = [
    _product("J1", "Stormproof Rain Jacket", "outerwear", "Northline", 89.0, sizes=("S", "M", "L"),
             colours=("black", "blue"), waterproof=True),
    _product("J2", "Down Puffer Jacket", "outerwear", "Alpen", 149.0, sizes=("M", "L")),
    _product("J3", "Fleece Jacket", "outerwear", "Northline", 59.0, sizes=("S",)),
    _product("B1", "Waterproof Hiking Boot", "footwear", "Trailco", 129.0, sizes=("42", "43"), waterproof=True),
    _product("B2", "Trail Running Shoe", "footwear", "Sprint", 99.0, sizes=("42",)),
    _product("B3", "Leather Winter Boot", "footwear", "Trailco", 179.0, stock=0, sizes=("42",)),
    _product("T1", "Two-Person Backpacking Tent", "camping", "Basecamp", 249.0, sizes=("one size",)),
    _product("T2", "Ultralight Sleeping Bag", "camping", "Basecamp", 199.0, sizes=("one size",)),
    _product("T3", "Compact Camping Stove", "camping", "Flame", 49.0, sizes=("one size",)),
    _product("K1", "Pour-Over Coffee Kettle", "kitchen", "Brewhaus", 39.0, sizes=("one size",)),
    _product("K2", "Burr Coffee Grinder", "kitchen", "Brewhaus", 89.0, sizes=("one size",)),
    _product("K3", "Glass French Press Coffee Maker", "kitchen", "Pressa", 29.0, sizes=("one size",)),
    _product("NEW", "Stormproof Leather Hiking Boot", "footwear", "Ridge", 139.0, sizes=("42",), waterproof=True),
]


def store_sequences(users: int = 240, seed: int = 1) -> dict[str, list[str]]:
    """Outdoor customers buy a jacket, then boots, then camping gear; coffee people K1 -> K2 -> K3.
    ``NEW`` never occurs: it is the cold-start product."""
    r = random.Random(seed)
    out = {}
    for u in range(users):
        if r.random() < 0.5:
            seq = [r.choice(["J1", "J2", "J3"]), r.choice(["B1", "B2", "B3"]), r.choice(["T1", "T2", "T3"])]
        else:
            seq = ["K1", "K2", "K3"]
        out[f"c{u}"] = seq
    return out


@pytest.fixture(scope="session")
def chain_model():
    from retrieval.recommender.train import train_recommender

    with one_thread():
        return train_recommender(chain_sequences(), FAST)


@pytest.fixture(scope="session")
def store_vectors(tiny_embedder) -> dict[str, np.ndarray]:
    from retrieval.documents import product_document

    docs = [product_document(p) for p in PRODUCTS]
    return dict(zip([d.id for d in docs], tiny_embedder.encode_passages([d.text for d in docs])))


@pytest.fixture(scope="session")
def store_model(store_vectors, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A text-tied model trained on the store sequences, saved to a folder."""
    from dataclasses import replace

    from retrieval.recommender.train import train_recommender

    with one_thread():
        rec = train_recommender(store_sequences(), replace(FAST, id_dropout=0.3, epochs=40), text=store_vectors)
    return rec.save_pretrained(tmp_path_factory.mktemp("rec") / "model")


@pytest.fixture(scope="session")
def head(store_model: Path, tiny_embedder):
    from retrieval.recommender.head import RecommendationHead

    return RecommendationHead.from_pretrained(store_model, products=PRODUCTS, embedder=tiny_embedder)
