"""Print how long a cold server takes to report healthy and to render each page in Chromium.

Starts ``streamlit run`` on 127.0.0.1 with downloads off, waits for the
health check, then opens each page in Debian's headless Chromium and times
it until the page title is shown. Run from the project root, for example::

    PLAYGROUND_DATA_DIR=../shared/data python -m bench.cold_start

Every request that is not to the local server is aborted.
"""

import argparse
import time

from playwright.sync_api import sync_playwright

from bench.local_app import local_page, resident_mb, running_app
from tests.browser.chromium import CHROMIUM_ARGS, CHROMIUM_PATH

PAGES = [
    ("/", "Classification playground"),
    ("/regression", "Regression vs classification"),
    ("/sigmoid", "Sigmoid and cross-entropy"),
    ("/pokemon", "Pokémon threshold"),
    ("/spam", "Spam or ham"),
    ("/mnist", "MNIST explorer"),
    ("/draw", "Draw a digit"),
]


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.cold_start", description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds to wait for the server (default: 60)")
    args = parser.parse_args(argv)

    start = time.perf_counter()
    with running_app(timeout=args.timeout) as (url, server):
        print(f"server healthy after {time.perf_counter() - start:.2f} s, {resident_mb(server.pid):.0f} MB resident")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM_PATH), args=CHROMIUM_ARGS)
            page = local_page(browser, url)
            for path, title in PAGES:
                opened = time.perf_counter()
                page.goto(url + path)
                page.get_by_role("heading", name=title).wait_for(timeout=args.timeout * 1000)
                print(f"{path:<10} title shown after {(time.perf_counter() - opened) * 1000:6.0f} ms")
            browser.close()
        print(f"after every page: {resident_mb(server.pid):.0f} MB resident")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
