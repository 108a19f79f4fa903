"""``SequentialRecommender``: the trained artifact (SASRec + co-occurrence + popularity, fused).

>>> rec = SequentialRecommender.from_pretrained(Path("~/.cache/shopbot/models/recommender").expanduser())
>>> rec.scores([rec.vocab.encode(["p1", "p7"])]).shape  # one row of scores over the item table
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import torch
from scipy import sparse

from retrieval.recommender.baselines import CoOccurrence, CoOccurrenceConfig, Popularity
from retrieval.recommender.data import ItemVocab
from retrieval.recommender.model import SASRec, SASRecConfig, pad_batch

log = logging.getLogger(__name__)

CONFIG_FILE = "config.json"
WEIGHTS_FILE = "model.safetensors"
ITEMS_FILE = "items.txt"
COOC_FILE = "cooccurrence.npz"
POPULARITY_FILE = "popularity.npy"
MANIFEST_FILE = "manifest.json"
CARD_FILE = "README.md"


@dataclass(frozen=True)
class Fusion:
    """``score = log_softmax(sasrec) + beta * log(cooc + eps) + repeat * recency(item in history)``; beta 0 and
    repeat 0 is SASRec alone. ``repeat`` only matters where history items may be recommended again (sessions:
    the co-occurrence matrix has a zero diagonal, so without it a re-click is only reachable through SASRec)."""

    beta: float = 0.0
    eps: float = 0.1
    repeat: float = 0.0


REPEAT_DECAY = 0.5


def repeat_scores(histories: list[list[int]], n_rows: int) -> np.ndarray:
    """``[len(histories), n_rows]``: sum of ``REPEAT_DECAY ** steps_ago`` over each item's occurrences."""
    out = np.zeros((len(histories), n_rows), dtype=np.float32)
    for r, h in enumerate(histories):
        for back, item in enumerate(reversed(h)):
            out[r, item] += REPEAT_DECAY ** back
    out[:, 0] = 0.0
    return out


@dataclass
class SequentialRecommender:
    """Next-item scores over the item table for encoded histories (row indices, oldest first)."""

    vocab: ItemVocab
    model: SASRec
    cooc: CoOccurrence
    popularity: Popularity
    fusion: Fusion = Fusion()
    manifest: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._lookup = self.vocab.index()
        self.model.eval()

    def encode(self, item_ids: list[str]) -> list[int]:
        return self.vocab.encode(item_ids, self._lookup)

    @torch.no_grad()
    def query_vectors(self, histories: list[list[int]], table: torch.Tensor | None = None) -> torch.Tensor:
        """SASRec's next-item query vector per history (``table`` may extend the vocab, e.g. new products)."""
        table = self.model.item_table() if table is None else table
        seqs, lengths = pad_batch(histories, self.model.config.max_len)
        return self.model.last_hidden(table, seqs, lengths)

    @torch.no_grad()
    def model_scores(self, histories: list[list[int]]) -> np.ndarray:
        """SASRec log-probabilities over the item table (row 0, padding, gets -inf)."""
        table = self.model.item_table()
        logits = self.query_vectors(histories, table) @ table.T
        logits[:, 0] = -torch.inf
        return torch.log_softmax(logits, -1).numpy()

    def scores(self, histories: list[list[int]]) -> np.ndarray:
        """Fused scores ``[len(histories), n_rows]``; empty histories fall back to popularity."""
        s = self.model_scores(histories)
        if self.fusion.beta:
            s = s + self.fusion.beta * np.log(self.cooc.raw_scores(histories) + self.fusion.eps)
        if self.fusion.repeat:
            s = s + self.fusion.repeat * repeat_scores(histories, s.shape[1])
        s = s + 1e-6 * self.popularity.prior()
        for r, h in enumerate(histories):
            if not h:
                s[r] = self.popularity.prior()
        return s

    # ------------------------------------------------------------------ persistence
    def save_pretrained(self, out_dir: Path) -> Path:
        from safetensors.torch import save_file

        out_dir = Path(out_dir)
        out_dir.mkdir(parents=True, exist_ok=True)
        config = {"model": self.model.config.to_dict(), "cooccurrence": asdict(self.cooc.config),
                  "fusion": asdict(self.fusion)}
        (out_dir / CONFIG_FILE).write_text(json.dumps(config, indent=2))
        save_file({k: v.contiguous() for k, v in self.model.state_dict().items()}, str(out_dir / WEIGHTS_FILE))
        (out_dir / ITEMS_FILE).write_text("\n".join(self.vocab.items) + "\n", encoding="utf-8")
        sparse.save_npz(out_dir / COOC_FILE, self.cooc.matrix)
        np.save(out_dir / POPULARITY_FILE, self.popularity.counts)
        (out_dir / MANIFEST_FILE).write_text(json.dumps(self.manifest, indent=2, ensure_ascii=False))
        (out_dir / CARD_FILE).write_text(model_card(config, self.manifest), encoding="utf-8")
        log.info("event=saved dir=%s items=%d", out_dir, len(self.vocab.items))
        return out_dir

    @classmethod
    def from_pretrained(cls, model_dir: Path) -> SequentialRecommender:
        from safetensors.torch import load_file

        model_dir = Path(model_dir)
        config = json.loads((model_dir / CONFIG_FILE).read_text())
        items = (model_dir / ITEMS_FILE).read_text(encoding="utf-8").split("\n")
        vocab = ItemVocab(items=tuple(i for i in items if i))
        model = SASRec(SASRecConfig(**{"positions": "backward", **config["model"]}))  # older configs lack it
        model.load_state_dict(load_file(str(model_dir / WEIGHTS_FILE)))
        pop = Popularity(counts=np.load(model_dir / POPULARITY_FILE))
        cooc = CoOccurrence(matrix=sparse.load_npz(model_dir / COOC_FILE).tocsr(),
                            config=CoOccurrenceConfig(**config["cooccurrence"]), prior=pop.prior())
        manifest = json.loads((model_dir / MANIFEST_FILE).read_text())
        return cls(vocab=vocab, model=model, cooc=cooc, popularity=pop, fusion=Fusion(**config["fusion"]),
                   manifest=manifest)


def model_card(config: dict[str, Any], manifest: dict[str, Any]) -> str:
    m = config["model"]
    metrics = manifest.get("metrics", {})
    rows = "\n".join(f"| {k} | {v:.4f} |" for k, v in metrics.items() if isinstance(v, float))
    text = "tied to frozen e5 text embeddings (cold start via text)" if m["text_dim"] else "ID embeddings only"
    return f"""# shopbot sequential recommender

SASRec-style causal transformer ({m['layers']} layers, hidden {m['dim']}, max_len {m['max_len']},
dropout {m['dropout']}), full-softmax cross-entropy, item vectors {text}, fused with an item-to-item
co-occurrence model (beta={config['fusion']['beta']}, eps={config['fusion']['eps']}, tuned on validation).

- items: {m['n_rows'] - 1}
- training data hash: {manifest.get('data_hash', '?')}
- text embedder: {manifest.get('embedder', 'none')}

Validation (each user's last item held out, full ranking over all items, history excluded):

| metric | value |
|---|---|
{rows}

Load with `SequentialRecommender.from_pretrained(dir)`; trained by `shopbot train-recommender`.
"""
