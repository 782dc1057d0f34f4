"""Set glibc's malloc so the app's memory stays flat under many sessions.

Streamlit runs each session's script in a thread of its own. By default
glibc gives threads that allocate at the same time separate arenas, up to
eight per core, and each arena keeps the memory its threads freed. glibc
also raises its mmap threshold after a large block is freed, up to 32 MB.
Later arrays of a few MB (an MNIST chunk, a figure's JSON) then come from
the heap, and they often stay there after they are freed. Two arenas and a
fixed 1 MB threshold lowered the server's resident memory after every page
from 376 MB to 342 MB in one session. With 20 browser sessions rerunning at
once it went from 420 MB to 375 MB with every page open, and it stayed near
427 MB over 4,000 reruns, where it had reached 472 MB after 600
(docs/benchmarks.md). The environment variables ``MALLOC_ARENA_MAX`` and
``MALLOC_MMAP_THRESHOLD_`` do the same, but Streamlit Community Cloud starts
the app with no way to set them, so the app calls ``mallopt``.
"""

import ctypes
import ctypes.util
import functools
import logging
import sys

logger = logging.getLogger(__name__)

# Parameter numbers from glibc's malloc.h.
M_MMAP_THRESHOLD = -3
M_ARENA_MAX = -8
ARENAS = 2
MMAP_THRESHOLD_BYTES = 1 << 20


@functools.cache
def tune_malloc(arenas=ARENAS, mmap_threshold=MMAP_THRESHOLD_BYTES):
    """Cap glibc's malloc arenas at ``arenas`` and fix its mmap threshold at ``mmap_threshold`` bytes.

    Call it early, before many threads allocate: arenas made before the call
    stay. It runs once per process and arguments.

    Returns
    -------
    bool
        True when glibc accepted both settings. False on other platforms and
        C libraries, where nothing changes.
    """
    if not sys.platform.startswith("linux"):
        return False
    try:
        mallopt = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").mallopt
    except (OSError, AttributeError):
        # musl and other C libraries have no mallopt.
        logger.info("mallopt is not available, so malloc keeps its defaults")
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    accepted = mallopt(M_ARENA_MAX, arenas) == 1 and mallopt(M_MMAP_THRESHOLD, mmap_threshold) == 1
    logger.info("malloc: %d arenas, mmap threshold %d bytes, accepted: %s", arenas, mmap_threshold, accepted)
    return accepted
