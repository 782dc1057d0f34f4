import numpy as np
import pytest
from scipy.special import expit, logit

from core import spam
from core.spam_explain import known_words, message_tokens, spam_intercept, term_contributions, text_contributions
from core.spam_examples import SPAM_EXAMPLES

MODEL_NAMES = ["spam", "spam_tuned"]
MESSAGES = [
    SPAM_EXAMPLES["Prize email from a famous tycoon"],
    "WIN WIN win!! Call 07700 900123 or visit www.prize.example/claim to claim £500 free free",
    "Are we still on for lunch? Lunch at noon, then the meeting at 2.",
    "ΚΕΡΔΙΣΑΤΕ δώρο! Нажмите здесь 🎉 free",
]


@pytest.fixture(scope="module", params=MODEL_NAMES)
def model(request):
    return spam.load_model(name=request.param)


@pytest.mark.parametrize("text", MESSAGES)
def test_terms_add_up_to_log_odds(model, text):
    terms = term_contributions(model, text)
    probability = spam.spam_proba(model, [text])[0]
    assert spam_intercept(model) + terms["contribution"].sum() == pytest.approx(logit(probability))
    assert terms["contribution"].is_monotonic_decreasing
    np.testing.assert_allclose(terms["contribution"], terms["tfidf"] * terms["coefficient"])


@pytest.mark.parametrize("text", MESSAGES)
def test_text_shares_add_up_to_terms(model, text):
    spans = text_contributions(model, text)
    assert sum(share for _, _, share in spans) == pytest.approx(term_contributions(model, text)["contribution"].sum())
    starts = [start for start, _, _ in spans]
    assert starts == sorted(starts)
    assert all(end <= next_start for (_, end, _), next_start in zip(spans, starts[1:]))


def test_repeated_word_splits_its_contribution(model):
    spans = text_contributions(model, "prize prize")
    shares = [share for _, _, share in spans]
    assert len(shares) == 2
    assert shares[0] == pytest.approx(shares[1])


def test_spam_words_lead(model):
    top = set(term_contributions(model, "Claim your FREE prize now").head(3)["term"])
    assert {"claim", "free", "prize"} & top


def test_unknown_words_score_intercept(model):
    text = "zqxjv wqpmz"
    assert term_contributions(model, text).empty
    assert all(share == 0.0 for _, _, share in text_contributions(model, text))
    assert spam.spam_proba(model, [text])[0] == pytest.approx(expit(spam_intercept(model)))


def test_pairs_of_words_are_terms():
    model = spam.load_model(name="spam_tuned")
    terms = term_contributions(model, "call now to claim your prize")
    assert any(" " in term for term in terms["term"]), "the tuned model counts pairs of words"


def test_known_words_count_vocabulary_tokens(model):
    tokens = message_tokens(model, "free prize zqxjv")
    assert known_words(model, tokens) == (2, 3)
