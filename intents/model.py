"""The joint intent + sentiment classifier: one multilingual-e5-small encoder, mean pooling, two linear heads.

The model is a folder (see ``save_pretrained``): the encoder's ``config.json``, all weights in
``model.safetensors``, the tokenizer, ``intent_config.json`` (labels, max length, calibration) and a
``manifest.json`` + generated ``README.md``; with a feature-based out-of-scope score also the training rows'
embedding statistics (``feature_stats.safetensors``, ``intents.features``).

>>> model = IntentModel.from_pretrained(Path("~/.cache/shopbot/models/intents").expanduser())
>>> out = model.classify(["where is my order?"])
>>> model.config.intent_labels[int(out.intent_probs[0].argmax())]
'order_status'
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import torch
from scipy.special import softmax
from torch import nn

from common.chunks import length_chunks, pad_rows
from intents.calibration import Calibration
from intents.features import FEATURES_FILE, FeatureStats
from intents.types import OUT_OF_SCOPE, SENTIMENTS

log = logging.getLogger(__name__)

CONFIG_FILE = "intent_config.json"
ENCODER_CONFIG_FILE = "config.json"
WEIGHTS_FILE = "model.safetensors"
MANIFEST_FILE = "manifest.json"
CARD_FILE = "README.md"
QUERY_PREFIX = "query: "


@dataclass
class IntentConfig:
    """Everything besides the encoder's own config that is needed to rebuild and use the model."""

    intent_labels: list[str]
    sentiment_labels: list[str] = field(default_factory=lambda: list(SENTIMENTS))
    max_length: int = 64
    prefix: str = QUERY_PREFIX
    head_dropout: float = 0.1
    sentiment_trained: bool = True
    calibration: Calibration = field(default_factory=Calibration)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> IntentConfig:
        d = dict(d)
        d["calibration"] = Calibration.from_dict(d.get("calibration", {}))
        return cls(**d)

    @property
    def oos_index(self) -> int | None:
        return self.intent_labels.index(OUT_OF_SCOPE) if OUT_OF_SCOPE in self.intent_labels else None


@dataclass(frozen=True)
class Classified:
    """Raw outputs for a batch: temperature-scaled probabilities and pooled embeddings."""

    intent_logits: np.ndarray
    intent_probs: np.ndarray
    sentiment_probs: np.ndarray
    embeddings: np.ndarray


def mean_pool(hidden: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    m = mask.unsqueeze(-1).to(hidden.dtype)
    return (hidden * m).sum(1) / m.sum(1).clamp(min=1e-9)


class IntentModel(nn.Module):
    """Shared encoder with an intent head and a sentiment head. Build with ``from_base`` or ``from_pretrained``."""

    # what one forward call costs beyond its padded tokens, in padded tokens (``classify``'s batching;
    # bench.encoder.chunking: 8-32 save alike, 24 served)
    call_overhead_tokens: float = 24.0

    def __init__(self, encoder: nn.Module, tokenizer: Any, config: IntentConfig) -> None:
        super().__init__()
        self.encoder = encoder
        self.tokenizer = tokenizer
        self.config = config
        hidden = encoder.config.hidden_size
        self.dropout = nn.Dropout(config.head_dropout)
        self.intent_head = nn.Linear(hidden, max(len(config.intent_labels), 1))
        self.sentiment_head = nn.Linear(hidden, len(config.sentiment_labels))
        # training rows' embedding statistics, for a feature-based out-of-scope score (None: none stored)
        self.feature_stats: FeatureStats | None = None

    # ------------------------------------------------------------------ construction / persistence
    @classmethod
    def from_base(cls, base_dir: Path, config: IntentConfig, *, seed: int = 0) -> IntentModel:
        """A fresh model on top of a prepared base encoder folder (heads initialised from ``seed``)."""
        from transformers import AutoModel, AutoTokenizer
        from transformers.utils import logging as hf_logging

        level = hf_logging.get_verbosity()
        hf_logging.set_verbosity_error()  # the base's unused pooler is reported as "unexpected" otherwise
        try:
            encoder = AutoModel.from_pretrained(base_dir, add_pooling_layer=False)
        finally:
            hf_logging.set_verbosity(level)
        tokenizer = AutoTokenizer.from_pretrained(base_dir)
        torch.manual_seed(seed)
        return cls(encoder, tokenizer, config)

    @classmethod
    def from_pretrained(cls, path: Path) -> IntentModel:
        """Load a folder written by ``save_pretrained``; outputs are identical to the saved model's."""
        from safetensors.torch import load_file
        from transformers import AutoConfig, AutoModel, AutoTokenizer

        path = Path(path)
        config = IntentConfig.from_dict(json.loads((path / CONFIG_FILE).read_text()))
        enc_config = AutoConfig.from_pretrained(path)
        encoder = AutoModel.from_config(enc_config, add_pooling_layer=False)
        model = cls(encoder, AutoTokenizer.from_pretrained(path), config)
        model.load_state_dict(load_file(str(path / WEIGHTS_FILE)))
        model.feature_stats = load_feature_stats(path)
        model.eval()
        log.info("event=intent_model.loaded path=%s intents=%d", path, len(config.intent_labels))
        return model

    def save_pretrained(self, path: Path, manifest: dict[str, Any] | None = None) -> Path:
        """Write config, weights, tokenizer, manifest and model card to ``path``."""
        from safetensors.torch import save_file

        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        self.encoder.config.save_pretrained(path)
        self.tokenizer.save_pretrained(path)
        state = {k: v.detach().contiguous() for k, v in self.state_dict().items()}
        save_file(state, str(path / WEIGHTS_FILE))
        (path / CONFIG_FILE).write_text(json.dumps(self.config.to_dict(), indent=2, ensure_ascii=False))
        if self.feature_stats is not None:
            self.feature_stats.save(path / FEATURES_FILE)
        else:
            (path / FEATURES_FILE).unlink(missing_ok=True)  # a stale file would not match these weights
        manifest = dict(manifest or {})
        manifest.setdefault("intent_labels", self.config.intent_labels)
        manifest.setdefault("sentiment_labels", self.config.sentiment_labels)
        manifest["calibration"] = asdict(self.config.calibration)
        (path / MANIFEST_FILE).write_text(json.dumps(manifest, indent=2, ensure_ascii=False))
        (path / CARD_FILE).write_text(model_card(self.config, manifest))
        log.info("event=intent_model.saved path=%s", path)
        return path

    # ------------------------------------------------------------------ forward
    def tokenize(self, texts: list[str]) -> dict[str, torch.Tensor]:
        return self.tokenizer(
            [self.config.prefix + t for t in texts], padding=True, truncation=True,
            max_length=self.config.max_length, return_tensors="pt",
        )

    def lower(self, input_ids: torch.Tensor, attention_mask: torch.Tensor, layers: int) -> torch.Tensor:
        """Hidden states after the embeddings and the first ``layers`` encoder layers."""
        hidden = self.encoder.embeddings(input_ids=input_ids)
        return self.upper(hidden, attention_mask, 0, layers)

    def upper(self, hidden: torch.Tensor, attention_mask: torch.Tensor, start: int, stop: int | None = None
              ) -> torch.Tensor:
        """Run encoder layers ``start:stop`` on hidden states (training caches the frozen lower part)."""
        from transformers.masking_utils import create_bidirectional_mask

        mask = create_bidirectional_mask(config=self.encoder.config, inputs_embeds=hidden,
                                         attention_mask=attention_mask)
        for layer in self.encoder.encoder.layer[start:stop]:
            hidden = layer(hidden, mask)
        return hidden

    def heads(self, hidden: torch.Tensor, attention_mask: torch.Tensor) -> tuple[torch.Tensor, ...]:
        """(pooled embedding, intent logits, sentiment logits) from the last hidden states."""
        pooled = mean_pool(hidden, attention_mask)
        x = self.dropout(pooled)
        return pooled, self.intent_head(x), self.sentiment_head(x)

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> tuple[torch.Tensor, ...]:
        """Return (pooled embedding, intent logits, sentiment logits)."""
        hidden = self.upper(self.encoder.embeddings(input_ids=input_ids), attention_mask, 0)
        return self.heads(hidden, attention_mask)

    @torch.inference_mode()
    def outputs(self, input_ids: np.ndarray, attention_mask: np.ndarray) -> tuple[np.ndarray, ...]:
        """:meth:`forward` of one padded batch, numpy in and out (an ONNX Runtime model overrides this)."""
        self.eval()
        pooled, il, sl = self(torch.from_numpy(input_ids), torch.from_numpy(attention_mask))
        return pooled.numpy(), il.numpy(), sl.numpy()

    def classify(self, texts: list[str], batch_size: int = 32) -> Classified:
        """Batched inference: calibrated intent probabilities, sentiment probabilities, embeddings.

        Texts are cut into length-aware batches (:func:`common.chunks.length_chunks` with this model's
        :attr:`call_overhead_tokens`), so short texts are not padded to a long one's length. Everything but
        :meth:`outputs` is numpy, so the ONNX Runtime path runs no torch operator: the tensor conversions and
        softmaxes cost ~0.45 ms per call (bench/encoder/RESULTS.md, tenth session).
        """
        ids = self.tokenizer([self.config.prefix + t for t in texts], truncation=True,
                             max_length=self.config.max_length)["input_ids"] if texts else []
        chunks = length_chunks([len(r) for r in ids], overhead=self.call_overhead_tokens, max_rows=batch_size)
        pad = self.tokenizer.pad_token_id or 0
        outs = [self.outputs(*pad_rows([ids[i] for i in rows], pad)) for rows in chunks]
        if not outs:
            n_int, h = self.intent_head.out_features, self.encoder.config.hidden_size
            outs = [(np.zeros((0, h), np.float32), np.zeros((0, n_int), np.float32),
                     np.zeros((0, len(self.config.sentiment_labels)), np.float32))]
        inv = np.argsort([i for rows in chunks for i in rows])
        pooled, il, sl = (np.concatenate([o[k] for o in outs])[inv] for k in range(3))
        probs = softmax(il / self.config.calibration.temperature, axis=-1)
        return Classified(intent_logits=il, intent_probs=probs, sentiment_probs=softmax(sl, axis=-1),
                          embeddings=pooled)

    def encode(self, texts: list[str], batch_size: int = 32, normalize: bool = True) -> np.ndarray:
        """Pooled sentence embeddings of the fine-tuned encoder (L2-normalised by default)."""
        emb = self.classify(texts, batch_size).embeddings
        if normalize and len(emb):
            emb = emb / np.linalg.norm(emb, axis=1, keepdims=True).clip(min=1e-12)
        return emb


def load_feature_stats(path: Path) -> FeatureStats | None:
    """The statistics a model folder stores, or None (models whose score needs none)."""
    return FeatureStats.load(path / FEATURES_FILE) if (Path(path) / FEATURES_FILE).exists() else None


def model_card(config: IntentConfig, manifest: dict[str, Any]) -> str:
    """A short generated README.md for the model folder."""
    metrics = manifest.get("validation_metrics", {})
    cal = config.calibration
    lines = [
        "# shopbot intent + sentiment model",
        "",
        f"Fine-tuned from `{manifest.get('base_model', 'multilingual-e5-small')}` "
        f"(base sha256 `{str(manifest.get('base_model_sha256', '?'))[:12]}`) by `shopbot train-intents`.",
        "One shared encoder (mean pooling, "
        + (f"inputs prefixed with `{config.prefix}`" if config.prefix else "inputs without a prefix")
        + ") with an intent head and a sentiment head.",
        "",
        f"- intents ({len(config.intent_labels)}): {', '.join(config.intent_labels[:40])}"
        + (" ..." if len(config.intent_labels) > 40 else ""),
        f"- sentiment: {', '.join(config.sentiment_labels)} (trained: {config.sentiment_trained})",
        f"- training data sha256: `{str(manifest.get('data_sha256', '?'))[:12]}`, rows: {manifest.get('n_train', '?')}",
        f"- out-of-scope: temperature {cal.temperature:.3f}, {cal.score} threshold "
        f"{'none' if cal.threshold is None else f'{cal.threshold:.3f}'} ({cal.method})",
        "",
        "## Validation metrics",
        "",
    ]
    lines += [f"- {k}: {v}" for k, v in metrics.items() if not isinstance(v, dict)] or ["- (none)"]
    lines += ["", "## Training arguments", "", "```json", json.dumps(manifest.get("training_args", {}), indent=2),
              "```", ""]
    return "\n".join(lines)
