"""A tiny but real model stack for the browser test of the production dialogue: an intent model
fine-tuned from the 3-layer e5 on a few dozen sentences, a FAISS + BM25 index of the tiny store's
products and a handful of FAQ entries, and the recommendation head's text-only fallback.

Built once per machine into ``<test cache>/web-stack/<hash of inputs>`` (about a minute on a loaded
2-core machine; later runs reuse it) and handed to the server through ``SHOPBOT_*_DIR``.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
STORE = REPO / "tests" / "bot" / "dialogue" / "data" / "tiny_store"

_EN = {
    "order_status": ["where is my order 1042?", "where is my order?", "track my package", "has order 1045 shipped?",
                     "what's the status of my order", "can you check my order 1043", "my parcel hasn't arrived"],
    "recommend_product": ["can you recommend a jacket?", "suggest something for hiking", "what would you recommend?",
                          "recommend a gift under 100 dollars", "any boots you'd suggest?", "show me some backpacks"],
    "product_question": ["is it waterproof?", "how much is the second one?", "is the first one waterproof?",
                         "what is the summit boot made of", "how heavy is the daypack", "tell me about the ridge jacket"],
    "greeting": ["hello", "hi there", "good morning", "hey"],
    "thanks": ["thanks!", "thank you so much", "great, thanks"],
    "talk_to_human": ["I want to talk to a person", "get me a human agent", "can I speak to someone real"],
    "out_of_scope": ["what's the weather on mars", "who won the football match", "tell me a joke",
                     "what is the capital of france", "asdf qwer zxcv"],
}
_ZH = {
    "order_status": ["我的订单1042在哪里？", "帮我查一下订单", "我的包裹到哪了"],
    "recommend_product": ["能推荐几款礼物吗？", "推荐一件外套", "有什么推荐的吗"],
    "product_question": ["它防水吗？", "第二个多少钱？", "这个是什么材质"],
    "greeting": ["你好", "您好"],
    "talk_to_human": ["我要转人工", "找个真人客服"],
    "out_of_scope": ["明天天气怎么样", "讲个笑话"],
}
_ES = {
    "order_status": ["¿Dónde está mi pedido 1042?", "quiero rastrear mi paquete", "¿ya enviaron mi pedido?"],
    "recommend_product": ["¿me recomiendas una chaqueta?", "sugiéreme algo para el monte", "¿qué me recomiendas?"],
    "product_question": ["¿es impermeable?", "¿cuánto cuesta el segundo?", "¿de qué material es?"],
    "greeting": ["hola", "buenos días"],
    "talk_to_human": ["quiero hablar con una persona", "pásame con un agente"],
    "out_of_scope": ["¿qué tiempo hace en marte?", "cuéntame un chiste"],
}
TRAIN = [{"text": t, "intent": i, "lang": lang} for lang, table in (("en", _EN), ("zh", _ZH), ("es", _ES))
         for i, texts in table.items() for t in texts]
VALID = [{"text": t, "intent": i, "lang": lang} for t, i, lang in [
    ("where's my package 1042", "order_status", "en"), ("recommend me a jacket", "recommend_product", "en"),
    ("is the third one waterproof?", "product_question", "en"), ("hello!", "greeting", "en"),
    ("I need a human", "talk_to_human", "en"), ("how tall is mount everest", "out_of_scope", "en"),
    ("订单1043到哪了", "order_status", "zh"), ("¿me sugieres unas botas?", "recommend_product", "es"),
    ("what's the population of china", "out_of_scope", "en"), ("thank you", "thanks", "en")]]
FAQ = [
    {"id": "faq-shipping", "question": "How much is shipping?", "answer": "Standard shipping is free on orders over $50.",
     "lang": "en", "category": "shipping"},
    {"id": "faq-returns", "question": "How do I return an item?",
     "answer": "You can return unworn items within 30 days of delivery for a full refund.", "lang": "en",
     "category": "returns"},
]


def _write_jsonl(path: Path, rows: list[dict]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def build_stack(cache: Path, base_model: Path) -> dict[str, str]:
    """The stack's folders (built if missing) as the server's environment."""
    key = hashlib.sha256(json.dumps([TRAIN, VALID, FAQ, (STORE / "products.jsonl").read_text(),
                                     (base_model / "shopbot_base.json").read_text()]).encode()).hexdigest()[:12]
    root = cache / "web-stack" / key
    if not (root / "done").exists():
        from retrieval.documents import load_documents
        from retrieval.embedder import Embedder
        from retrieval.index import DocumentIndex
        from training.intents_train import TrainArgs, train_intents

        work = root.with_name(key + ".partial")
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        _write_jsonl(work / "train.jsonl", TRAIN)
        _write_jsonl(work / "valid.jsonl", VALID)
        _write_jsonl(work / "faq.jsonl", FAQ)
        train_intents(work / "train.jsonl", work / "valid.jsonl", work / "intents", base_model,
                      args=TrainArgs(epochs=40, batch_size=16, head_lr=5e-3, seed=0, threads=2), progress=False)
        docs = load_documents(products=STORE / "products.jsonl", faq=work / "faq.jsonl")
        DocumentIndex.build(docs, Embedder.load(base_model)).save(work / "index")
        (work / "done").touch()
        shutil.rmtree(root, ignore_errors=True)
        work.rename(root)
    return {"SHOPBOT_MODEL_DIR": str(root / "intents"), "SHOPBOT_INDEX_DIR": str(root / "index"),
            "SHOPBOT_RECOMMENDER_DIR": str(root / "no-recommender"), "SHOPBOT_TORCH_THREADS": "1"}
