"""Print the spam models' goal figures and scoring latency.

Run ``python -m bench.spam`` (data folder from ``$PLAYGROUND_DATA_DIR``).
For each saved spam model it prints MCC and accuracy on the held-out text
messages and emails, accuracy on the three sets of messages written for this
project (``tests/data``), and how long scoring and explaining one message
takes. Nothing is asserted; docs/benchmarks.md records the output.
"""

import argparse
import statistics
import time
from pathlib import Path

import pandas as pd
from sklearn.metrics import accuracy_score

from core import spam
from core.emails import message_text
from core.spam_corpus import load_corpus
from core.spam_explain import term_contributions, text_contributions
from core.spam_highlight import highlight_html
from core.train_spam import per_source

MODEL_NAMES = ("spam", "spam_tuned")
# Written for this project by three writers who saw no training data. The
# first two were scored while the model was being built; the final set was
# scored only once the model was finished.
OUTSIDE_SETS = {
    "own (74, used while building)": Path("tests/data/own_messages.csv"),
    "blind (80, used while building)": Path("tests/data/blind_messages.csv"),
    "final (100, scored once)": Path("tests/data/final_messages.csv"),
}
LATENCY_MESSAGES = {
    "SMS (60 chars)": "Hey, running 10 min late, save me a seat? Grab you a coffee x",
    "email (5 KB)": "Subject: Quarterly report\n\n" + "Please find the figures for the third quarter below. " * 95,
    "paste (1 MB)": "free prize call now " * 50_000,
}


def goal_figures(model, test):
    """Return MCC, accuracy and rows per held-out source at threshold 0.5."""
    metrics = per_source(test, spam.spam_proba(model, test["text"]))
    figures = {}
    for source in ("sms", "email"):
        figures[source] = (metrics[source]["mcc"], metrics[source]["accuracy"], metrics[source]["rows"])
    return figures


def outside_accuracy(model, path):
    """Return accuracy, spam caught and ham kept on one of the project's own message sets."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    y_true = frame["label"].to_numpy() == "spam"
    y_pred = spam.score_messages(model, frame["text"]) >= 0.5
    return accuracy_score(y_true, y_pred), y_pred[y_true].mean(), (~y_pred[~y_true]).mean(), len(frame)


def latency_ms(model, text, repeats):
    """Return the median milliseconds to score, explain and shade one message, as the page does."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        model_text, _ = message_text(text)
        spam.spam_proba(model, [model_text])
        terms = term_contributions(model, model_text)
        highlight_html(model_text, text_contributions(model, model_text, terms=terms), max_chars=20_000)
        times.append(time.perf_counter() - start)
    return 1000 * statistics.median(times)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.spam", description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=20, help="timed runs per message (default 20)")
    args = parser.parse_args(argv)

    _, test = load_corpus()
    models = {name: spam.load_model(name=name) for name in MODEL_NAMES}
    print("model       | SMS test MCC | SMS test acc | email test MCC | email test acc")
    for name, model in models.items():
        figures = goal_figures(model, test)
        sms, email = figures["sms"], figures["email"]
        print(f"{name:<11} | {sms[0]:12.4f} | {sms[1]:12.4f} | {email[0]:14.4f} | {email[1]:14.4f}")
    print(f"(test rows: {figures['sms'][2]} text messages, {figures['email'][2]} emails)\n")

    print("model       | outside set                     | accuracy | spam caught | ham kept")
    for name, model in models.items():
        for label, path in OUTSIDE_SETS.items():
            accuracy, caught, ham_correct, rows = outside_accuracy(model, path)
            print(f"{name:<11} | {label:<31} | {accuracy:8.3f} | {caught:11.3f} | {ham_correct:8.3f}")
    print()

    print("model       | message        | score + explain + shade, median ms")
    for name, model in models.items():
        for label, text in LATENCY_MESSAGES.items():
            repeats = max(1, args.repeats // 10) if len(text) > 100_000 else args.repeats
            print(f"{name:<11} | {label:<14} | {latency_ms(model, text, repeats):8.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
