"""Understanding a customer turn: intent, calibrated out-of-scope flag, sentiment, language, entities.

- ``intents.predictor.IntentPredictor``: the stage the dialogue manager calls (``predict(texts)``).
- ``intents.model.IntentModel``: shared e5 encoder + intent and sentiment heads (``save_pretrained``/``from_pretrained``).
- ``intents.calibration``: temperature scaling and the out-of-scope threshold.
- ``intents.language`` / ``intents.entities``: rule-based, no model.

Nothing heavy is imported here; training lives in ``training.intents_train``.
"""
