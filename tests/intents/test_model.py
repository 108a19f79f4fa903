"""The trained joint model: it learns, round-trips exactly, flags out-of-scope turns, keeps heads apart."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import torch

from intents.model import CARD_FILE, CONFIG_FILE, MANIFEST_FILE, WEIGHTS_FILE, IntentConfig, IntentModel
from intents.predictor import IntentPredictor
from intents.types import OUT_OF_SCOPE
from tests.intents.conftest import TRAIN
from training.intents_data import Row
from training.intents_train import TrainArgs, fit


def test_learns_intents_in_three_languages(predictor: IntentPredictor) -> None:
    rows = [r for r in TRAIN if r.intent and r.intent != OUT_OF_SCOPE]
    preds = predictor.predict([r.text for r in rows])
    acc = np.mean([p.top_k[0][0] == r.intent for p, r in zip(preds, rows)])
    assert acc >= 0.8  # chance is 1/4
    assert all(len(p.top_k) == 3 and p.top_k[0][1] >= p.top_k[1][1] for p in preds)


def test_sentiment_head_learns(predictor: IntentPredictor) -> None:
    rows = [r for r in TRAIN if r.sentiment]
    preds = predictor.predict([r.text for r in rows])
    acc = np.mean([p.sentiment == r.sentiment for p, r in zip(preds, rows)])
    assert acc >= 0.7
    assert all(0.0 < p.sentiment_score <= 1.0 for p in preds)


def test_out_of_scope_after_calibration(predictor: IntentPredictor) -> None:
    cal = predictor.model.config.calibration
    assert cal.temperature > 0 and cal.method != "uncalibrated"
    preds = predictor.predict(["zzqx vbnm plokij wert", "what is the capital of france",
                                            "where is my order", "quiero devolver estos zapatos"])
    assert [p.out_of_scope for p in preds] == [True, True, False, False]
    assert preds[0].intent == OUT_OF_SCOPE and preds[2].intent == "order_status"


def test_keyboard_mash_is_out_of_scope_with_no_guess_offered(predictor: IntentPredictor) -> None:
    mash, real = predictor.predict(["asdfgh jjjjj", "where is my order"])
    assert (mash.intent, mash.out_of_scope, mash.confidence, mash.top_k) == (OUT_OF_SCOPE, True, 1.0,
                                                                         ((OUT_OF_SCOPE, 1.0),))
    assert len(real.top_k) == 3 and not real.out_of_scope  # real turns keep the model's ranking


def test_save_load_round_trip_identical(predictor: IntentPredictor, trained_model_dir: Path, tmp_path: Path) -> None:
    model = predictor.model
    texts = ["where is my order #1042?", "我想退货", "hola", "asdf"]
    batch = model.tokenize(texts)
    with torch.no_grad():
        before = model(batch["input_ids"], batch["attention_mask"])
    model.save_pretrained(tmp_path / "copy", json.loads((trained_model_dir / MANIFEST_FILE).read_text()))
    again = IntentModel.from_pretrained(tmp_path / "copy")
    with torch.no_grad():
        after = again(batch["input_ids"], batch["attention_mask"])
    for a, b in zip(before, after):
        assert torch.equal(a, b)
    assert again.config == model.config
    for name in (CONFIG_FILE, WEIGHTS_FILE, MANIFEST_FILE, CARD_FILE, "config.json", "tokenizer.json"):
        assert (tmp_path / "copy" / name).exists(), name


def test_manifest_records_provenance(trained_model_dir: Path) -> None:
    m = json.loads((trained_model_dir / MANIFEST_FILE).read_text())
    assert m["intent_labels"] == ["greeting", "order_status", OUT_OF_SCOPE, "return_item"]
    assert m["sentiment_labels"] == ["negative", "neutral", "positive"]
    assert len(m["data_sha256"]) == 64 and m["base_model_sha256"].startswith("1571fc98")
    assert m["training_args"]["epochs"] == 8 and "accuracy" in m["validation_metrics"]
    assert m["calibration"]["score"] == "energy" and "threshold" in m["calibration"]
    assert "out-of-scope" in (trained_model_dir / CARD_FILE).read_text()


def test_encode_returns_normalised_embeddings(predictor: IntentPredictor) -> None:
    emb = predictor.encode(["where is my order", "¿dónde está mi pedido?", "你好"])
    assert emb.shape == (3, 384)
    assert np.allclose(np.linalg.norm(emb, axis=1), 1.0, atol=1e-5)
    assert emb[0] @ emb[1] > emb[0] @ emb[2]


def test_predict_batches_keep_order_and_fill_fields(predictor: IntentPredictor) -> None:
    predictor = IntentPredictor(predictor.model, batch_size=2)
    texts = ["hola, quiero devolver el pedido #1042", "ok", "我的订单在哪里", "hello there, my email is a@b.com", "x"]
    preds = predictor.predict(texts, fallback_language="es")
    assert [p.text for p in preds] == texts
    assert [p.language for p in preds] == ["es", "es", "zh", "en", "es"]
    assert preds[0].entity("order_number").value == "1042"
    assert preds[3].entity("email").value == "a@b.com"
    assert predictor.predict([]) == []


def test_sentiment_only_rows_train_only_the_sentiment_head(tiny_base_model_dir: Path) -> None:
    model = IntentModel.from_base(tiny_base_model_dir, IntentConfig(["a", "b"]), seed=0)
    intent_before = [p.detach().clone() for p in model.intent_head.parameters()]
    sent_before = [p.detach().clone() for p in model.sentiment_head.parameters()]
    rows = [Row("great, love it", sentiment="positive"), Row("awful, hate it", sentiment="negative")] * 4
    fit(model, rows, TrainArgs(epochs=1, batch_size=4, threads=2), progress=False)
    assert all(torch.equal(a, b) for a, b in zip(intent_before, model.intent_head.parameters()))
    assert not all(torch.equal(a, b) for a, b in zip(sent_before, model.sentiment_head.parameters()))
    assert not model.encoder.embeddings.word_embeddings.weight.requires_grad


def test_feature_score_statistics_are_stored_and_restored_exactly(trained_model_dir: Path, tmp_path: Path) -> None:
    from intents.calibration import MAHALANOBIS
    from intents.features import FEATURES_FILE
    from tests.intents.conftest import VALID
    from training.intents_calibrate import calibrate_model

    model = IntentModel.from_pretrained(trained_model_dir)
    assert model.feature_stats is None and not (trained_model_dir / FEATURES_FILE).exists()
    calibrate_model(model, TRAIN, VALID, score=MAHALANOBIS)
    assert model.config.calibration.score == MAHALANOBIS and model.feature_stats is not None
    assert model.feature_stats.means.shape == (3, model.encoder.config.hidden_size)  # in-scope intents only
    model.save_pretrained(tmp_path / "copy")
    again = IntentPredictor.from_pretrained(tmp_path / "copy")
    assert again.model.feature_stats.equals(model.feature_stats) and again.model.config == model.config
    texts = ["zzqx vbnm plokij wert", "what is the capital of france", "where is my order", "hola"]
    ours = IntentPredictor(model).predict(texts)
    assert [p.out_of_scope for p in again.predict(texts)] == [p.out_of_scope for p in ours]
    assert not ours[2].out_of_scope
    model.feature_stats = None  # a folder re-saved without statistics loses the stale file
    model.save_pretrained(tmp_path / "copy")
    assert not (tmp_path / "copy" / FEATURES_FILE).exists()
