"""A tiny multilingual intent set and one model trained on it (shared by the tests of this folder)."""

from __future__ import annotations

from pathlib import Path

import pytest

from training.intents_data import Row, write_jsonl

TRAIN = [
    *(Row(t, "order_status", "neutral", "en") for t in (
        "where is my order", "track my package", "when will my order arrive", "has my parcel shipped yet")),
    *(Row(t, "order_status", "neutral", "zh") for t in ("我的订单在哪里", "我的包裹什么时候到", "查一下物流")),
    *(Row(t, "order_status", "neutral", "es") for t in ("¿dónde está mi pedido?", "rastrear mi paquete",
                                                         "¿cuándo llega mi pedido?")),
    *(Row(t, "return_item", "negative", "en") for t in (
        "I want to return these shoes", "how do I send this back", "return this broken item", "I need a refund")),
    *(Row(t, "return_item", "negative", "zh") for t in ("我想退货", "这个坏了我要退", "怎么退款")),
    *(Row(t, "return_item", "negative", "es") for t in ("quiero devolver estos zapatos", "quiero un reembolso",
                                                        "cómo devuelvo este artículo")),
    *(Row(t, "greeting", "positive", "en") for t in ("hello there", "hi, good morning", "hey, nice to meet you")),
    *(Row(t, "greeting", "positive", "zh") for t in ("你好", "早上好", "您好呀")),
    *(Row(t, "greeting", "positive", "es") for t in ("hola", "buenos días", "hola, ¿qué tal?")),
    *(Row(t, "out_of_scope") for t in (
        "what is the capital of france", "asdkjh qwpoeiru zmxncb", "tell me a joke about physics",
        "who won the football match", "明天天气怎么样", "¿cuál es la raíz cuadrada de dos?",
        "xkcd lorem ipsum zzz", "how tall is mount everest")),
    *(Row(t, sentiment=s) for t, s in (
        ("this is the best shop ever, love it", "positive"), ("terrible service, very angry", "negative"),
        ("太棒了，非常满意", "positive"), ("质量太差了，很生气", "negative"),
        ("me encanta, excelente", "positive"), ("pésimo servicio, estoy furioso", "negative"))),
]
VALID = [
    Row("where's my package", "order_status", "neutral", "en"), Row("我的订单到哪了", "order_status", lang="zh"),
    Row("quiero devolver mi pedido", "return_item", lang="es"), Row("can I return this", "return_item", lang="en"),
    Row("hola buenas", "greeting", lang="es"), Row("hello", "greeting", lang="en"),
    Row("what's the population of china", "out_of_scope"), Row("qwerty asdf zxcv", "out_of_scope"),
    Row("who wrote hamlet", "out_of_scope"),
]


@pytest.fixture(scope="session")
def tiny_data(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    d = tmp_path_factory.mktemp("intents_data")
    write_jsonl(TRAIN, d / "train.jsonl")
    write_jsonl(VALID, d / "valid.jsonl")
    return d / "train.jsonl", d / "valid.jsonl"


@pytest.fixture(scope="session")
def trained_model_dir(tiny_base_model_dir: Path, tiny_data: tuple[Path, Path],
                      tmp_path_factory: pytest.TempPathFactory) -> Path:
    from training.intents_train import TrainArgs, train_intents

    out = tmp_path_factory.mktemp("intents_model") / "model"
    args = TrainArgs(epochs=8, batch_size=16, lr=3e-4, head_lr=5e-3, warmup=0.1, seed=0, threads=2)
    train_intents(tiny_data[0], tiny_data[1], out, tiny_base_model_dir, args=args, progress=False)
    return out


@pytest.fixture(scope="session")
def predictor(trained_model_dir: Path):
    """The trained model loaded once from its folder."""
    from intents.predictor import IntentPredictor

    return IntentPredictor.from_pretrained(trained_model_dir)
