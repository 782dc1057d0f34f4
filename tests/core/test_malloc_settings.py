import re
import subprocess
import sys

from core.malloc_settings import ARENAS, tune_malloc

# Runs in a new Python process, tuned or not. Eight threads allocate and
# free at the same time. Then a 20 MB block is freed, which raises glibc's
# default mmap threshold to 20 MB, and a 4 MB block is kept. glibc's malloc_info
# writes its XML report to standard output: one <heap nr="..."> element per
# arena, and the count of blocks served by mmap.
REPORT_MALLOC = """
import ctypes, sys, threading
from core.malloc_settings import tune_malloc
if sys.argv[1] == "tuned":
    assert tune_malloc()
barrier = threading.Barrier(8)
def churn():
    barrier.wait()
    for _ in range(2000):
        blocks = [bytearray(256) for _ in range(50)]
        del blocks
threads = [threading.Thread(target=churn) for _ in range(8)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
large = bytearray(20_000_000)
del large
retained = bytearray(4_000_000)
sys.stdout.flush()
libc = ctypes.CDLL("libc.so.6")
stdout = ctypes.c_void_p.in_dll(libc, "stdout")
libc.malloc_info(0, stdout)
libc.fflush(stdout)
"""


def malloc_report(mode):
    result = subprocess.run(
        [sys.executable, "-c", REPORT_MALLOC, mode], capture_output=True, text=True, check=True, timeout=60
    )
    arenas = result.stdout.count("<heap nr=")
    mmap_blocks = int(re.search(r'<total type="mmap" count="(\d+)"', result.stdout).group(1))
    return arenas, mmap_blocks


def test_settings_accepted_on_linux_glibc():
    assert tune_malloc() is True


def test_threads_share_the_capped_arenas():
    tuned_arenas, _ = malloc_report("tuned")
    default_arenas, _ = malloc_report("default")
    assert tuned_arenas <= ARENAS
    assert default_arenas > ARENAS


def test_block_of_megabytes_is_mapped_after_large_free():
    _, tuned_mmap_blocks = malloc_report("tuned")
    _, default_mmap_blocks = malloc_report("default")
    assert tuned_mmap_blocks == default_mmap_blocks + 1
