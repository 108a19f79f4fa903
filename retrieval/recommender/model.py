"""SASRec-style causal transformer over item sequences, with item vectors optionally tied to text.

An item's vector is ``id_embedding[item] + W @ (text[item] - text_mean)``; the same table embeds the
input sequence and scores every item at the output (weight tying). A product that never appeared in
training has no ID embedding, so its vector is the text projection alone: cold start works.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import torch
from torch import nn


@dataclass(frozen=True)
class SASRecConfig:
    n_rows: int  # item table rows, padding row 0 included
    dim: int = 64
    layers: int = 2
    heads: int = 2
    max_len: int = 50
    dropout: float = 0.5
    text_dim: int = 0  # 0: ID embeddings only
    positions: str = "forward"  # "backward" (counted back from the latest item): models saved before forward

    def to_dict(self) -> dict[str, int | float]:
        return asdict(self)


class SASRec(nn.Module):
    """Right-padded sequences, positions counted from the first item in the window, full-softmax scoring."""

    def __init__(self, config: SASRecConfig, text: torch.Tensor | None = None) -> None:
        super().__init__()
        self.config = config
        d = config.dim
        self.item_emb = nn.Embedding(config.n_rows, d, padding_idx=0)
        nn.init.normal_(self.item_emb.weight, std=1.0 / math.sqrt(d))
        with torch.no_grad():
            self.item_emb.weight[0].zero_()
        self.pos_emb = nn.Embedding(config.max_len, d)
        nn.init.normal_(self.pos_emb.weight, std=0.02)
        self.drop = nn.Dropout(config.dropout)
        layer = nn.TransformerEncoderLayer(d, config.heads, dim_feedforward=2 * d, dropout=config.dropout,
                                           activation="gelu", batch_first=True, norm_first=True)
        self.encoder = nn.TransformerEncoder(layer, config.layers, enable_nested_tensor=False)
        self.final_ln = nn.LayerNorm(d)
        if config.text_dim:
            self.text_proj: nn.Linear | None = nn.Linear(config.text_dim, d, bias=False)
            nn.init.normal_(self.text_proj.weight, std=0.3 / math.sqrt(config.text_dim))
            t = text if text is not None else torch.zeros(config.n_rows, config.text_dim)
            self.register_buffer("text_mean", t[1:].mean(0) if len(t) > 1 else torch.zeros(config.text_dim))
            self.register_buffer("text", t)
        else:
            self.text_proj = None

    def text_vectors(self, text: torch.Tensor) -> torch.Tensor:
        """Project raw (e5) text embeddings of products into the item space."""
        assert self.text_proj is not None
        return self.text_proj(text - self.text_mean)

    def item_table(self, id_dropout: float = 0.0) -> torch.Tensor:
        """``[n_rows, dim]`` item vectors; ``id_dropout`` hides random ID embeddings while training so
        the text projection alone learns to place items (what a cold-start item gets)."""
        w = self.item_emb.weight
        if self.text_proj is None:
            return w
        if id_dropout > 0:
            keep = (torch.rand(w.shape[0], 1, device=w.device) >= id_dropout).to(w.dtype)
            w = w * keep
        tv = self.text_vectors(self.text)
        tv = torch.cat([torch.zeros_like(tv[:1]), tv[1:]])
        return w + tv

    def encode(self, seq_vectors: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        """``[B, L, dim]`` right-padded item vectors -> hidden state at every position."""
        b, length, _ = seq_vectors.shape
        steps = torch.arange(length, device=seq_vectors.device)
        # positions count forward from the window's first item: under the causal mask the state after
        # item t then looks exactly like the state of a t+1-item history at inference. (Counting back
        # from the latest item tied each training position to how many items were still to come.)
        pos = steps.clamp(max=self.config.max_len - 1)[None, :]
        if self.config.positions == "backward":
            pos = (lengths[:, None] - 1 - steps[None, :]).clamp(0, self.config.max_len - 1)
        x = seq_vectors * math.sqrt(self.config.dim) + self.pos_emb(pos)
        x = x * (steps[None, :] < lengths[:, None]).unsqueeze(-1).to(x.dtype)
        causal = nn.Transformer.generate_square_subsequent_mask(length, device=x.device)
        h = self.encoder(self.drop(x), mask=causal, is_causal=True)
        return self.final_ln(h)

    def last_hidden(self, table: torch.Tensor, seqs: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        """Hidden state after each sequence's latest item: the query vector for the next item."""
        h = self.encode(table[seqs], lengths)
        return h[torch.arange(len(seqs)), lengths - 1]


def pad_batch(histories: list[list[int]], max_len: int) -> tuple[torch.Tensor, torch.Tensor]:
    """Keep each history's latest ``max_len`` items, right-pad with 0; empty histories get one pad."""
    cut = [h[-max_len:] for h in histories]
    lengths = torch.tensor([max(len(h), 1) for h in cut])
    out = torch.zeros(len(cut), int(lengths.max()), dtype=torch.long)
    for i, h in enumerate(cut):
        if h:
            out[i, : len(h)] = torch.tensor(h)
    return out, lengths
