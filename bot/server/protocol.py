"""The websocket protocol (docs/protocol.md): one pydantic model per frame, discriminated by ``type``.

>>> frame = parse_chat_frame('{"type": "message", "client_id": "c1", "text": "hi"}')
>>> frame.client_id, frame.text
('c1', 'hi')

Unknown fields are ignored (forward compatibility); a bad frame raises :class:`FrameError` carrying the
typed error code the server answers with.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from bot.dialogue.ports import BotReply, CustomerEvent, DialogueState, ProductCard, TurnAnnotation

PROTOCOL_VERSION = 1

ErrorCode = Literal[
    "malformed_json", "unknown_type", "invalid_frame", "frame_too_large", "binary_not_supported",
    "text_too_long", "rate_limited", "hello_required", "unsupported_protocol", "invalid_resume_token",
    "unauthorized", "not_found", "not_owner", "unavailable", "internal", "shutting_down", "erased",
]

AGENT_SHOWN = ("the agent's display name (SHOPBOT_AGENT_NAMES); null when none is configured, shown as a "
               "neutral 'support agent' (customers never see an agent's login)")
ClientId = Annotated[str, Field(min_length=1, max_length=64)]
StoredAt = Annotated[str | None, Field(description="when the message was stored: ISO 8601 in UTC, with the offset")]
ConversationId = Annotated[str, Field(min_length=1, max_length=64)]


class Frame(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


# ----------------------------------------------------------------------------- customer -> server
class Hello(Frame):
    type: Literal["hello"]
    protocol: int = PROTOCOL_VERSION
    conversation_id: ConversationId | None = None
    resume_token: Annotated[str, Field(max_length=128)] | None = None
    last_seq: Annotated[int, Field(ge=0)] | None = None
    customer_id: Annotated[str, Field(max_length=128)] | None = None
    language: Annotated[str, Field(max_length=16)] | None = None


class Message(Frame):
    type: Literal["message"]
    client_id: ClientId
    text: str  # length checked by the server to answer ``text_too_long``


class Ack(Frame):
    type: Literal["ack"]
    seq: Annotated[int, Field(ge=0)]


class Event(Frame):
    type: Literal["event"]
    client_id: ClientId
    event: CustomerEvent


class FeedbackFrame(Frame):
    type: Literal["feedback"]
    seq: Annotated[int, Field(ge=1)]
    rating: Annotated[int, Field(ge=-1, le=5)]
    comment: Annotated[str, Field(max_length=2000)] = ""


class Ping(Frame):
    type: Literal["ping"]
    nonce: Annotated[str, Field(max_length=64)] | None = None


ChatClientFrame = Annotated[Hello | Message | Ack | Event | FeedbackFrame | Ping, Field(discriminator="type")]


# ----------------------------------------------------------------------------- agent -> server
class Auth(Frame):
    type: Literal["auth"]
    token: Annotated[str, Field(max_length=256)]


class SubscribeQueue(Frame):
    type: Literal["subscribe_queue"]


class Open(Frame):
    type: Literal["open"]
    conversation_id: ConversationId


class TakeOver(Frame):
    type: Literal["take_over"]
    conversation_id: ConversationId | None = None


class Send(Frame):
    type: Literal["send"]
    conversation_id: ConversationId | None = None
    client_id: ClientId
    text: str
    products: Annotated[list[Annotated[str, Field(max_length=64)]], Field(max_length=5)] = Field(
        default_factory=list, description="ids of product cards shown in this conversation, pushed with the text")


class HandBack(Frame):
    type: Literal["hand_back"]
    conversation_id: ConversationId | None = None


class Resolve(Frame):
    type: Literal["resolve"]
    conversation_id: ConversationId | None = None


class Relabel(Frame):
    type: Literal["relabel"]
    conversation_id: ConversationId | None = None
    message_seq: Annotated[int, Field(ge=1)]
    intent: Annotated[str, Field(max_length=64)] | None = None
    # the sentiment head's labels only: "angry" stored here broke every later export of the logs
    sentiment: Literal["negative", "neutral", "positive"] | None = None


AgentClientFrame = Annotated[
    Auth | SubscribeQueue | Open | TakeOver | Send | HandBack | Resolve | Relabel | Ping,
    Field(discriminator="type")]


# ----------------------------------------------------------------------------- server -> customer
class Welcome(Frame):
    type: Literal["welcome"] = "welcome"
    protocol: int = PROTOCOL_VERSION
    conversation_id: str
    resume_token: str | None = Field(None, description="only when the conversation was created")
    resumed: bool
    last_seq: int
    owner: str
    conversation_status: str
    language: str


class Accepted(Frame):
    type: Literal["accepted"] = "accepted"
    client_id: str
    seq: int
    duplicate: bool = False
    at: StoredAt = None


class BotMessage(Frame):
    type: Literal["bot_message"] = "bot_message"
    seq: int
    reply: BotReply
    in_reply_to: int | None = None
    language: str | None = Field(None, description="the language the bot answered in (en, zh, es)")
    at: StoredAt = None


class AgentMessage(Frame):
    type: Literal["agent_message"] = "agent_message"
    seq: int
    text: str
    agent: str | None = Field(None, description=AGENT_SHOWN)
    products: list[ProductCard] = Field(default_factory=list, description="cards the agent pushed")
    at: StoredAt = None


class CustomerMessage(Frame):
    """A customer turn replayed by the server (another tab, or a widget that lost its storage)."""

    type: Literal["customer_message"] = "customer_message"
    seq: int
    client_id: str | None
    text: str
    event: CustomerEvent | None = None
    at: StoredAt = None


class Status(Frame):
    type: Literal["status"] = "status"
    seq: int
    status: Literal["agent_joined", "agent_left", "resolved", "waiting_for_agent"]
    owner: str
    agent: str | None = Field(None, description=AGENT_SHOWN)
    reason: str = ""
    conversation_id: str | None = Field(None, description="set on the agent socket")
    at: StoredAt = None


class Typing(Frame):
    type: Literal["typing"] = "typing"
    on: bool = True
    actor: Literal["bot", "agent"] = "bot"


class Error(Frame):
    type: Literal["error"] = "error"
    code: ErrorCode
    message: str
    detail: Any = None
    client_id: str | None = None
    retryable: bool = False


class Reconnect(Frame):
    type: Literal["reconnect"] = "reconnect"
    reason: str
    after_ms: int = 500


class Pong(Frame):
    type: Literal["pong"] = "pong"
    nonce: str | None = None


# ----------------------------------------------------------------------------- server -> agent
class AuthOk(Frame):
    type: Literal["auth_ok"] = "auth_ok"
    protocol: int = PROTOCOL_VERSION
    agent: str
    display_name: str | None = Field(None, description="what customers see for this agent: " + AGENT_SHOWN)


class QueueItem(Frame):
    conversation_id: str
    customer_id: str | None
    language: str
    owner: str
    agent: str | None
    risk: float
    handoff_reason: str | None
    last_text: str
    sentiment_trend: list[float]
    updated_at: str


class Queue(Frame):
    type: Literal["queue"] = "queue"
    items: list[QueueItem]


class TranscriptEntry(Frame):
    seq: int
    role: str
    text: str
    client_id: str | None = None
    in_reply_to: int | None = None
    payload: dict[str, Any] = Field(default_factory=dict)
    at: str | None = None


class Conversation(Frame):
    type: Literal["conversation"] = "conversation"
    conversation_id: str
    customer_id: str | None
    language: str
    owner: str
    agent: str | None
    status: str
    risk: float
    transcript: list[TranscriptEntry]
    annotations: dict[int, TurnAnnotation] = Field(description="by customer message seq")
    sentiment_trend: list[float]
    state: DialogueState
    suggested_replies: list[BotReply]
    products: list[ProductCard]
    customer: dict[str, Any] | None = None
    orders: list[dict[str, Any]] = Field(default_factory=list)
    handoffs: list[dict[str, Any]] = Field(default_factory=list)
    summary: str


class TranscriptUpdate(Frame):
    type: Literal["message"] = "message"
    conversation_id: str
    message: TranscriptEntry


class Turn(Frame):
    type: Literal["turn"] = "turn"
    conversation_id: str
    seq: int
    annotation: TurnAnnotation | None
    suggested_replies: list[BotReply]
    risk: float
    sentiment_trend: list[float]
    owner: str
    handoff: dict[str, Any] | None = None
    summary: str | None = Field(None, description="the conversation summary after this turn")
    state: DialogueState | None = Field(None, description="the dialogue state after this turn (focus)")


class Summary(Frame):
    """After an agent takes over, hands back or resolves: the new owner and summary, to every desk following."""

    type: Literal["summary"] = "summary"
    conversation_id: str
    summary: str
    owner: str
    agent: str | None = None
    status: str


class Relabeled(Frame):
    type: Literal["relabeled"] = "relabeled"
    conversation_id: str
    message_seq: int


# ----------------------------------------------------------------------------- parsing
_CHAT = TypeAdapter(ChatClientFrame)
_AGENT = TypeAdapter(AgentClientFrame)
CHAT_TYPES = frozenset(["hello", "message", "ack", "event", "feedback", "ping"])
AGENT_TYPES = frozenset(["auth", "subscribe_queue", "open", "take_over", "send", "hand_back", "resolve",
                         "relabel", "ping"])


class FrameError(Exception):
    """A client frame the server cannot use; ``code`` becomes the error frame's code."""

    def __init__(self, code: ErrorCode, message: str, detail: Any = None, client_id: str | None = None) -> None:
        super().__init__(message)
        self.code, self.message, self.detail, self.client_id = code, message, detail, client_id

    def frame(self) -> Error:
        return Error(code=self.code, message=self.message, detail=self.detail, client_id=self.client_id,
                     retryable=self.code in ("rate_limited", "unavailable", "internal", "shutting_down"))


def _parse(raw: str, adapter: TypeAdapter[Any], types: frozenset[str]) -> Any:
    try:
        data = json.loads(raw)
    except ValueError as e:
        raise FrameError("malformed_json", "the frame is not valid JSON", str(e)[:200]) from None
    except RecursionError:
        raise FrameError("invalid_frame", "JSON nested too deeply") from None
    if not isinstance(data, dict):
        raise FrameError("invalid_frame", "a frame must be a JSON object")
    kind = data.get("type")
    client_id = data.get("client_id") if isinstance(data.get("client_id"), str) else None
    if not isinstance(kind, str) or kind not in types:
        raise FrameError("unknown_type", f"unknown frame type {str(kind)[:40]!r}", sorted(types), client_id)
    try:
        return adapter.validate_python(data)
    except (ValidationError, RecursionError) as e:
        errors = e.errors(include_url=False, include_input=False) if isinstance(e, ValidationError) else []
        detail = [{"loc": list(x["loc"]), "msg": x["msg"]} for x in errors[:5]]
        raise FrameError("invalid_frame", f"invalid {kind} frame", detail, client_id) from None


def parse_chat_frame(raw: str) -> Hello | Message | Ack | Event | FeedbackFrame | Ping:
    """Parse one customer frame or raise FrameError."""
    return _parse(raw, _CHAT, CHAT_TYPES)


def parse_agent_frame(raw: str) -> Any:
    """Parse one agent frame or raise FrameError."""
    return _parse(raw, _AGENT, AGENT_TYPES)


def dump(frame: Frame) -> str:
    return frame.model_dump_json(exclude_none=False)
