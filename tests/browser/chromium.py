"""Where Debian's Chromium is and the flags every browser run here launches it with."""

from pathlib import Path

CHROMIUM_PATH = Path("/usr/bin/chromium")
# --disable-background-networking and the flags after it stop Chromium's own
# update, sync and metrics traffic, which has no network to go to here.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
