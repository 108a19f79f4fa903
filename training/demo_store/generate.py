"""Regenerate every demo-store file from a fixed seed: ``python -m training.demo_store.generate [OUT_DIR]``.

The output is byte-for-byte deterministic for a given seed, so the committed files can be checked
against a fresh run (``tests/training/test_demo_store.py`` does).
"""

from __future__ import annotations

import argparse
import json
import logging
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from training.demo_store import (
    CUSTOMERS_FILE,
    DEMO_STORE_DIR,
    EVENTS_FILE,
    FAQ_FILE,
    NLU_TEST_FILE,
    NLU_TRAIN_FILE,
    ORDERS_FILE,
    POLICIES_FILE,
    PRODUCTS_FILE,
    STORE_FILE,
)
from training.demo_store.faq_en import FAQ_EN
from training.demo_store.faq_i18n import FAQ_I18N
from training.demo_store.images import write_category_svgs
from training.demo_store.nlu import SlotFiller, make_nlu
from training.demo_store.orders import make_orders
from training.demo_store.people import make_customers
from training.demo_store.policies import POLICIES
from training.demo_store.products import make_products
from training.demo_store.simulate import simulate
from training.demo_store.store import STORE, facts

log = logging.getLogger(__name__)

SEED = 20261120
N_CUSTOMERS = 220
TARGET_EVENTS = 22_000
HISTORY_START = datetime(2026, 4, 1)


def faq_rows(store: dict[str, Any]) -> list[dict[str, Any]]:
    """English FAQ rows followed by their Chinese and Spanish translations (ids ``<id>.zh`` / ``<id>.es``)."""
    f = facts(store)
    rows = [{"id": fid, "question": q, "answer": a.format(**f), "lang": "en", "tags": tags, "category": cat}
            for fid, cat, tags, q, a in FAQ_EN]
    by_id = {r["id"]: r for r in rows}
    for lang in ("zh", "es"):
        for fid, tr in FAQ_I18N.items():
            q, a = tr[lang]
            src = by_id[fid]
            rows.append({"id": f"{fid}.{lang}", "question": q, "answer": a.format(**f), "lang": lang, "tags": src["tags"],
                         "category": src["category"], "source_id": fid})
    return rows


def policy_rows(store: dict[str, Any]) -> list[dict[str, Any]]:
    f = facts(store)
    return [{"id": pid, "title": title, "body": body.strip().format(**f), "lang": "en"} for pid, title, body in POLICIES]


def _dump(rows: list[dict[str, Any]], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.writelines(json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n" for row in rows)


def generate(out_dir: Path = DEMO_STORE_DIR, seed: int = SEED) -> dict[str, int]:
    """Write all demo-store files into ``out_dir``; returns the row count of each file."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    store = dict(STORE)
    today = datetime.strptime(store["demo_today"], "%Y-%m-%d") + timedelta(hours=12)
    products = make_products(seed)
    customers = make_customers(seed + 1, N_CUSTOMERS, today)
    events, purchases = simulate(seed + 2, customers, products, HISTORY_START, today, TARGET_EVENTS)
    orders = make_orders(seed + 3, purchases, customers, products, store)
    filler = SlotFiller(seed + 4, products, orders, customers, store)
    nlu_train, nlu_test = make_nlu(seed + 5, filler)
    files: dict[str, list[dict[str, Any]]] = {
        PRODUCTS_FILE: products, FAQ_FILE: faq_rows(store), POLICIES_FILE: policy_rows(store), CUSTOMERS_FILE: customers,
        ORDERS_FILE: orders, EVENTS_FILE: events, NLU_TRAIN_FILE: nlu_train, NLU_TEST_FILE: nlu_test,
    }
    (out_dir / STORE_FILE).write_text(json.dumps(store, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    for name, rows in files.items():
        _dump(rows, out_dir / name)
    counts = {name: len(rows) for name, rows in files.items()}
    log.info("event=demo_store_generated out=%s %s", out_dir, " ".join(f"{k}={v}" for k, v in counts.items()))
    return counts


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out_dir", nargs="?", type=Path, default=DEMO_STORE_DIR)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--images", action="store_true", help="also write bot/web/static/products/<category>.svg")
    args = parser.parse_args(argv)
    counts = generate(args.out_dir, args.seed)
    if args.images:
        write_category_svgs()
    print(json.dumps(counts))


if __name__ == "__main__":
    main()
