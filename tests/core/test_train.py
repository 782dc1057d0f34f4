import warnings

import pytest
from sklearn.exceptions import ConvergenceWarning

from core import train
from core.artifacts import load_artifact
from core.datasets import MNIST_FILES, SMS_SPAM
from tests.realdata import real_data_dir


def test_cli_trains_spam_into_folder(tmp_path):
    folder = real_data_dir(SMS_SPAM.filename)
    assert train.main(["spam", "--data-dir", str(folder), "--models-dir", str(tmp_path)]) == 0
    model, card = load_artifact("spam", folder=tmp_path)
    assert model.predict_proba(["hello"]).shape == (1, 2)
    assert card["split"]["random_state"] == 42
    assert card["data"]["sha256"]["SMSSpamCollection"] == SMS_SPAM.sha256
    assert card["test_metrics"]["tn"] + card["test_metrics"]["fp"] + card["test_metrics"]["fn"] + card["test_metrics"]["tp"] == 1115


def test_cli_rejects_unknown_model(capsys):
    with pytest.raises(SystemExit) as exit_info:
        train.main(["cats"])
    assert exit_info.value.code == 2
    assert "unknown model 'cats'" in capsys.readouterr().err


def test_cli_help_lists_options(capsys):
    with pytest.raises(SystemExit):
        train.main(["--help"])
    output = capsys.readouterr().out
    assert "--data-dir" in output
    assert "--models-dir" in output


def test_spam_training_is_reproducible():
    folder = real_data_dir(SMS_SPAM.filename)
    _, first = train.train_spam(folder=folder)
    _, second = train.train_spam(folder=folder)
    assert first["test_metrics"] == second["test_metrics"]


def test_digits_training_matches_lecture():
    # The lecture's LogisticRegression(max_iter=100) stops lbfgs early; the
    # ConvergenceWarning must be caught and recorded, not leak out.
    folder = real_data_dir(*(spec.filename for spec in MNIST_FILES.values()))
    with warnings.catch_warnings():
        warnings.simplefilter("error", ConvergenceWarning)
        _, card = train.train_digits(folder=folder)
    assert card["test_metrics"]["accuracy"] == 0.9202857142857143
    assert card["converged"] is False
    assert card["n_iter"] == 100
    assert card["split"] == {
        "method": "train_test_split on all 70,000 images, not stratified, as in the lecture",
        "test_size": 0.2,
        "random_state": 42,
        "train_rows": 56000,
        "test_rows": 14000,
    }


def test_cli_reports_missing_data(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        train.main(["spam", "--data-dir", str(tmp_path)])
    assert exit_info.value.code == 1
    error = capsys.readouterr().err
    assert "cannot train spam" in error
    assert "SMSSpamCollection" in error
    assert "Traceback" not in error


def test_cli_reports_unwritable_models_dir(tmp_path, capsys):
    folder = real_data_dir(SMS_SPAM.filename)
    blocker = tmp_path / "models"
    blocker.write_text("a file, not a folder")
    with pytest.raises(SystemExit) as exit_info:
        train.main(["spam", "--data-dir", str(folder), "--models-dir", str(blocker)])
    assert exit_info.value.code == 1
    assert "cannot write the spam model" in capsys.readouterr().err
