# Local Beat in a container: the Telegram bot by default, the web chat or the terminal chat on request.
#
#   docker build -t localbeat .
#   docker run -e LOCALBEAT_TELEGRAM_TOKEN=... -v localbeat-data:/data -p 8080:8080 localbeat
#   docker run -v localbeat-data:/data -p 8080:8080 localbeat localbeat web
#   docker run -it -v localbeat-data:/data localbeat localbeat chat
#
# BASE is any image with Python 3.11+ and its venv module (python3 on the PATH); the default is
# the official one. .ci/container builds it with a Debian image made by mmdebstrap instead.
ARG BASE=python:3.11-slim

# --- build: install the project and its dependencies into a virtual environment -----------------
FROM ${BASE} AS build
# Optional parts of pyproject.toml to install too: EXTRAS=bulk adds the bulk street-CSV loader
# (pyarrow and ADBC, 181 MB). Without it a street CSV is imported row by row: the same rows, in
# about twice the time for a large file.
ARG EXTRAS=""
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python3 -m venv /opt/localbeat
WORKDIR /src
COPY pyproject.toml README.md constraints.txt ./
COPY bot ./bot
COPY handlers ./handlers
# Only wheels: a dependency that would need a compiler fails here instead of pulling one in.
# What is removed afterwards is never imported when the bot runs: the download client below, pip
# and setuptools, the packages' own test suites, C headers and Cython sources.
# huggingface_hub is a dependency of tokenizers for Tokenizer.from_pretrained (downloads); the bot
# loads its tokenizer from a file and no start path imports it, nor hf-xet, nor what only it
# needs: click (httpx tries it for its own command line and does without), filelock, fsspec,
# httpx2, httpcore2, truststore, tqdm. 29 MB. Likewise protobuf and flatbuffers, which only
# onnxruntime's offline tools import (removed below).
RUN /opt/localbeat/bin/pip install --no-cache-dir --only-binary=:all: -c constraints.txt ".${EXTRAS:+[$EXTRAS]}" \
    && /opt/localbeat/bin/python -m pip uninstall --quiet --yes huggingface_hub hf-xet click \
         filelock fsspec httpx2 httpcore2 truststore tqdm protobuf flatbuffers \
    && /opt/localbeat/bin/python -m pip uninstall --quiet --yes pip setuptools \
    && find /opt/localbeat -depth -type d \( -name tests -o -name test \) -exec rm -rf {} + \
    && find /opt/localbeat -type f \( -name '*.pyx' -o -name '*.pxd' -o -name '*.pxi' \
         -o -name '*.h' -o -name '*.hpp' -o -name '*.c' -o -name '*.cc' -o -name '*.cpp' \) -delete \
    && rm -rf /opt/localbeat/lib/python3*/site-packages/pyarrow/include \
              /opt/localbeat/lib/python3*/site-packages/pyarrow/src
# onnxruntime's wheel carries its C/C++ API library (libonnxruntime.so.*, 35 MB) beside the Python
# binding, which has the runtime linked in: the binding does not load it (ldd does not list it, a
# session never maps it) and an embedding made without it is the same to the last digit.
RUN rm -f /opt/localbeat/lib/python3*/site-packages/onnxruntime/capi/libonnxruntime.so.*
# Never imported by any start path either: onnxruntime's offline tools (model conversion,
# quantization, transformer optimisation, and the onnxruntime_test script), numpy's Fortran
# wrapper generator and its old distutils, and type stubs (*.pyi), which Python never reads.
RUN cd /opt/localbeat/lib/python3*/site-packages \
    && rm -rf onnxruntime/transformers onnxruntime/quantization onnxruntime/tools \
              numpy/f2py numpy/distutils \
              /opt/localbeat/bin/onnxruntime_test /opt/localbeat/bin/f2py \
    && find /opt/localbeat -name '*.pyi' -delete
# Debug symbols: the wheels' extension modules carry 59 MB of them (asyncpg's protocol alone 7 of
# its 8 MB), useful only to a debugger. strip --strip-unneeded keeps what loading needs. The
# libraries auditwheel vendored in *.libs/ are left as they are (2.5 MB to gain, patched ELF).
# binutils comes from the base's apt, in this stage only; a base without apt keeps the symbols.
RUN if ! command -v strip >/dev/null && command -v apt-get >/dev/null; then \
      apt-get update -q >/dev/null \
      && apt-get install -y -q --no-install-recommends binutils >/dev/null; \
    fi \
    && if command -v strip >/dev/null; then \
      find /opt/localbeat/lib -name '*.so' ! -path '*.libs/*' -exec strip --strip-unneeded {} +; \
    else echo "no strip here: extension modules keep their debug symbols (59 MB)"; fi
# Bytecode only for what the bot's start paths import (ask with the model, the web chat answering,
# run up to Telegram, a chart, a street CSV import), as checked-hash .pyc that the copy below
# cannot make stale: 1,300-odd modules load from it, the other 2,000-odd (never imported, or only
# by rarer paths) compile on first use. See deploy/bytecode.py.
COPY knowledge ./knowledge
COPY deploy/bytecode.py ./deploy/
RUN /opt/localbeat/bin/python deploy/bytecode.py /opt/localbeat /src/knowledge

# --- run: the environment, the knowledge base and a non-root user ---------------------------------
FROM ${BASE}
ENV PATH=/opt/localbeat/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    HOME=/home/localbeat \
    LOCALBEAT_CONFIG=/app/config.yaml
RUN useradd --system --user-group --uid 10001 --create-home --home-dir /home/localbeat localbeat \
    && mkdir -p /data && chown localbeat:localbeat /data
COPY --from=build /opt/localbeat /opt/localbeat
WORKDIR /app
COPY deploy/container.yaml ./config.yaml
COPY --chown=localbeat:localbeat knowledge ./knowledge
USER localbeat
# Embed the knowledge base's phrases once now (about 20 s here), into the user's cache, so that
# the first start answers at once (the rules' compiled patterns are kept there too); a mounted knowledge folder only embeds what it changed. The
# model's optimised copy (90 MB of float32 weights) is left out of the image: each container
# writes its own at its first start, and later starts map it.
RUN LOCALBEAT_DATABASE_URL=sqlite+aiosqlite:////tmp/warm.db \
       localbeat ask "how do I report a burglary" > /dev/null \
    && python3 -c "import matplotlib.font_manager" \
    && rm -rf /tmp/warm.db /home/localbeat/.cache/localbeat/*-onnxruntime-*

# The database lives here (SQLite by default; LOCALBEAT_DATABASE_URL for PostgreSQL).
VOLUME ["/data"]
# 8080: /healthz, /metrics and the web chat; 8443: the Telegram webhook (`localbeat run --webhook`).
EXPOSE 8080 8443
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python3", "-c", "import urllib.request as u; u.urlopen('http://127.0.0.1:8080/healthz', timeout=4)"]
CMD ["localbeat", "run"]
