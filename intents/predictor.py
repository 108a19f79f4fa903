"""The understanding stage: intent, calibrated out-of-scope flag, sentiment, language and entities per turn.

>>> predictor = IntentPredictor.from_pretrained(Path("~/.cache/shopbot/models/intents").expanduser())
>>> [p] = predictor.predict(["¿Dónde está mi pedido #1042?"], fallback_language="es")
>>> p.intent, p.language, p.entity("order_number").value
('order_status', 'es', '1042')
"""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import torch

from intents.calibration import decide
from intents.entities import extract_entities
from intents.gibberish import looks_like_gibberish
from intents.language import detect_language
from intents.model import IntentModel
from intents.types import OUT_OF_SCOPE, Prediction

log = logging.getLogger(__name__)

TOP_K = 3


class IntentPredictor:
    """Wraps an ``IntentModel`` into the ``Understander`` protocol of the dialogue manager."""

    def __init__(self, model: IntentModel, *, threads: int | None = 2, batch_size: int = 32, top_k: int = TOP_K):
        self.model = model
        self.threads = threads
        self.batch_size = batch_size
        self.top_k = top_k

    @classmethod
    def from_pretrained(cls, path: Path, *, threads: int | None = 2, batch_size: int = 32) -> IntentPredictor:
        """Load a model folder written by ``IntentModel.save_pretrained``."""
        return cls(IntentModel.from_pretrained(path), threads=threads, batch_size=batch_size)

    def encode(self, texts: list[str]) -> np.ndarray:
        """L2-normalised pooled sentence embeddings of the fine-tuned encoder."""
        self._threads()
        return self.model.encode(texts, self.batch_size)

    def _threads(self) -> None:
        if self.threads and torch.get_num_threads() != self.threads:
            torch.set_num_threads(self.threads)

    def predict(self, texts: list[str], *, fallback_language: str | None = None) -> list[Prediction]:
        """One ``Prediction`` per text (batched, no gradients).

        ``confidence`` is the calibrated probability of the returned intent; for a turn flagged out of
        scope by the threshold it is 1 - the best in-scope probability. ``top_k`` lists the model's classes, so
        a caller can still offer the best guesses in a clarifying question; keyboard mash ("asdfgh") is out
        of scope with certainty, and its ``top_k`` says only that (no guess is worth offering). ``sentiment_score``
        is the probability of the returned sentiment (0.0 if the model was trained without sentiment rows).
        ``language`` falls back to ``fallback_language`` for short or ambiguous text.
        """
        return self.predict_many(texts, [fallback_language] * len(texts))

    def predict_many(self, texts: list[str], fallback_languages: list[str | None]) -> list[Prediction]:
        """``predict`` with one fallback language per text: one forward for turns of several conversations
        (the dialogue's micro-batcher, ``bot.dialogue.batching``)."""
        self._threads()
        cfg = self.model.config
        out = self.model.classify(texts, self.batch_size)
        oos = decide(out.intent_logits, cfg.oos_index, cfg.calibration, embeddings=out.embeddings,
                     stats=self.model.feature_stats) if len(texts) else []
        preds = []
        for i, text in enumerate(texts):
            probs = out.intent_probs[i]
            order = np.argsort(-probs)[: self.top_k]
            top = tuple((cfg.intent_labels[j], float(probs[j])) for j in order if j < len(cfg.intent_labels))
            s = out.sentiment_probs[i]
            si = int(s.argmax()) if cfg.sentiment_trained else cfg.sentiment_labels.index("neutral")
            intent, conf = top[0] if top else (OUT_OF_SCOPE, 0.0)  # a sentiment-only model knows no intents
            if top and oos[i]:
                intent = OUT_OF_SCOPE
                conf = float(probs[cfg.oos_index]) if cfg.oos_index is not None and top[0][0] == OUT_OF_SCOPE \
                    else 1.0 - conf
            mash = bool(top) and looks_like_gibberish(text)
            if mash:
                intent, conf, top = OUT_OF_SCOPE, 1.0, ((OUT_OF_SCOPE, 1.0),)
            preds.append(Prediction(
                text=text, intent=intent, confidence=float(conf), top_k=top, out_of_scope=bool(oos[i]) or mash or not top,
                sentiment=cfg.sentiment_labels[si], sentiment_score=float(s[si]) if cfg.sentiment_trained else 0.0,
                language=detect_language(text, fallback_languages[i]), entities=tuple(extract_entities(text)),
            ))
        return preds
