"""Every JSON example in docs/protocol.md is a valid frame of the section it appears in."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bot.server import protocol as p
from bot.server.protocol import FrameError, parse_agent_frame, parse_chat_frame

DOC = Path(__file__).resolve().parents[3] / "docs" / "protocol.md"
SERVER = {m.model_fields["type"].default: m for m in (
    p.Welcome, p.Accepted, p.BotMessage, p.AgentMessage, p.CustomerMessage, p.Status, p.Typing, p.Error,
    p.Reconnect, p.Pong, p.AuthOk, p.Queue, p.Conversation, p.TranscriptUpdate, p.Turn, p.Summary, p.Relabeled)}


def examples() -> list[tuple[str, dict]]:
    out, section = [], ""
    for block in re.split(r"^(## .*)$", DOC.read_text(), flags=re.MULTILINE):
        if block.startswith("## "):
            section = block
            continue
        out += [(section, json.loads(m)) for m in re.findall(r"```json\n(.*?)\n```", block, flags=re.DOTALL)]
    return out


def test_doc_has_examples_for_every_frame() -> None:
    kinds = {(s, e["type"]) for s, e in examples()}
    assert {t for s, t in kinds if "server frames" in s} >= set(SERVER) - {"accepted", "error", "pong", "reconnect"}
    assert {t for s, t in kinds if "chat` — client" in s} == set(p.CHAT_TYPES)
    assert {t for s, t in kinds if "agent` — client" in s} == set(p.AGENT_TYPES) - {"ping"}
    assert f"version {p.PROTOCOL_VERSION}" in DOC.read_text().splitlines()[0]


@pytest.mark.parametrize(("section", "frame"), examples())
def test_example_is_valid(section: str, frame: dict) -> None:
    raw = json.dumps(frame)
    if "chat` — client" in section:
        assert parse_chat_frame(raw).type == frame["type"]
    elif "agent` — client" in section:
        assert parse_agent_frame(raw).type == frame["type"]
    else:
        model = SERVER[frame["type"]]
        assert model.model_validate(frame).model_dump(mode="json")["type"] == frame["type"]


@pytest.mark.parametrize(("raw", "code"), [
    ("{not json", "malformed_json"), ("[1, 2]", "invalid_frame"), ('{"type": "nope"}', "unknown_type"),
    ('{"type": "message", "text": "no id"}', "invalid_frame"), ('{"type": "ack", "seq": -1}', "invalid_frame"),
    ("[" * 100_000, "invalid_frame"),
])
def test_bad_frames_raise_typed_errors(raw: str, code: str) -> None:
    with pytest.raises(FrameError) as e:
        parse_chat_frame(raw)
    assert e.value.code == code and e.value.frame().type == "error"
