# shopbot: CPU-only image. Build: docker build -t shopbot .  Run: docker run -p 8000:8000 shopbot
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    HF_HUB_OFFLINE=1 \
    TRANSFORMERS_OFFLINE=1 \
    TOKENIZERS_PARALLELISM=false \
    SHOPBOT_CACHE_DIR=/home/shopbot/.cache/shopbot \
    SHOPBOT_HOST=0.0.0.0 \
    SHOPBOT_PORT=8000

RUN useradd --create-home --uid 10001 shopbot
WORKDIR /app

# CPU build of torch first, from the CPU wheel index, so no CUDA build is pulled in.
RUN pip install --index-url https://download.pytorch.org/whl/cpu torch==2.13.0

COPY pyproject.toml README.md ./
COPY bot ./bot
COPY intents ./intents
COPY retrieval ./retrieval
COPY training ./training
COPY common ./common
RUN pip install . && chown -R shopbot:shopbot /app

USER shopbot
# Model preparation at build time: convert the base model, train on the demo store, build the indexes.
RUN shopbot prepare-model \
 && shopbot train-intents --data training/demo_store/nlu/train.jsonl --out "$SHOPBOT_CACHE_DIR/models/intents" \
 && shopbot build-index --products training/demo_store/products.jsonl --faq training/demo_store/faq.jsonl \
      --policies training/demo_store/policies.jsonl --out "$SHOPBOT_CACHE_DIR/index" \
 && python -c "from training.demo_store import write_sequences; write_sequences('/tmp/demo_sequences.txt')" \
 && shopbot train-recommender --sequences /tmp/demo_sequences.txt --products training/demo_store/products.jsonl \
      --embedder "$SHOPBOT_CACHE_DIR/base/multilingual-e5-small" \
      --out "$SHOPBOT_CACHE_DIR/models/recommender" --time-budget 300

EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status == 200 else 1)"
CMD ["shopbot", "serve"]
