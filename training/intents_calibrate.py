"""Calibrate a trained intent model's out-of-scope decision (``intents.calibration``) on validation rows.

For a feature-based score (``intents.calibration.FEATURE_SCORES``) it first summarises the embeddings of at
most ``intents.features.ROWS_PER_INTENT`` training rows per in-scope intent (one extra forward over them) into
``model.feature_stats``, which ``save_pretrained`` stores next to the weights.
"""

from __future__ import annotations

import logging
import time

import numpy as np

from intents.calibration import DEFAULT_SCORE, ENERGY, FEATURE_SCORES, KNN, fit_calibration
from intents.features import FeatureStats, fit_feature_stats, sample_rows
from intents.model import IntentModel
from training.intents_data import Row

log = logging.getLogger(__name__)


def feature_stats_from_rows(model: IntentModel, rows: list[Row], seed: int = 0, *, keep_rows: bool = False
                            ) -> FeatureStats:
    """Embedding statistics of a seeded sample of ``rows`` (in-scope intent rows only; ``keep_rows``: for ``knn``)."""
    labels = model.config.intent_labels
    y = np.array([labels.index(r.intent) if r.intent in labels else -1 for r in rows])
    idx = sample_rows(y, model.config.oos_index, seed=seed)
    t0 = time.perf_counter()
    emb = model.classify([rows[i].text for i in idx]).embeddings
    log.info("event=calibration.feature_pass rows=%d seconds=%.1f", len(idx), time.perf_counter() - t0)
    return fit_feature_stats(emb, y[idx], model.config.oos_index, keep_rows=keep_rows)


def calibrate_model(model: IntentModel, train_rows: list[Row], valid_rows: list[Row], *, score: str = DEFAULT_SCORE,
                    seed: int = 0, **rule: object) -> None:
    """Set ``model.feature_stats`` (feature scores only, else None) and ``model.config.calibration``, fitted on the
    ``valid_rows`` whose intent the model knows; ``rule``: further ``fit_calibration`` arguments. A feature score
    with no in-scope training row to summarise falls back to ``energy``."""
    labels, oos = model.config.intent_labels, model.config.oos_index
    in_scope = [r for r in train_rows if r.intent in labels and labels.index(r.intent) != oos]
    if score in FEATURE_SCORES and not in_scope:
        score = ENERGY
    model.feature_stats = (feature_stats_from_rows(model, in_scope, seed, keep_rows=score == KNN)
                           if score in FEATURE_SCORES else None)
    known = [r for r in valid_rows if r.intent in labels]
    if not known:
        return
    out = model.classify([r.text for r in known])
    y = np.array([labels.index(r.intent) for r in known])
    model.config.calibration = fit_calibration(out.intent_logits, y, oos, score=score, embeddings=out.embeddings,
                                               stats=model.feature_stats, **rule)
