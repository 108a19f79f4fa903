"""Offline evaluation on logged dialogues: log format, importers, replay, metrics, report, gate, queue.

See docs/evaluation.md for the log format and the simulate -> evaluate -> retrain -> evaluate loop.
"""
