"""What ``run_evaluation`` tells the person waiting for it."""

from __future__ import annotations

from evaluation_fakes import provider

from bot.evaluation.runner import run_evaluation


def test_evaluation_says_it_is_loading_before_the_replay_bar(small_log, good_dialogue, capsys):
    run_evaluation(small_log, provider(good_dialogue), progress=True)
    err = capsys.readouterr().err
    assert err.index("current: loading the pipeline") < err.index("turn")  # before the bar, not silence
