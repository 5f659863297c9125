# Local Beat: the Telegram bot. Mount the knowledge base and config as volumes:
#   docker run -e LOCALBEAT_TELEGRAM_TOKEN=... -v $PWD/knowledge:/app/knowledge \
#     -v $PWD/config.yaml:/app/config.yaml -v localbeat-data:/data localbeat
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    LOCALBEAT_DATABASE_URL=sqlite+aiosqlite:////data/localbeat.db

WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY handlers ./handlers
RUN pip install . && useradd --system --uid 10001 --home-dir /app localbeat \
    && mkdir -p /data && chown localbeat /data
COPY --chown=localbeat knowledge ./knowledge
COPY config.example.yaml ./config.yaml

USER localbeat
VOLUME ["/data", "/app/knowledge"]
EXPOSE 8080 8443
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8080/healthz', timeout=4).status == 200 else 1)"
CMD ["localbeat", "run"]
