"""Local Beat's core: configuration, storage, understanding and services, with no Telegram."""

import os

# The bot's numeric work is many small matrix-vector products, one per message, under a busy event
# loop. BLAS worker threads make each of them slower (they spin and contend with the model's own
# thread and with other requests), so the linear-algebra library runs single-threaded. Set before
# numpy is first imported; an explicit setting in the environment wins.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
