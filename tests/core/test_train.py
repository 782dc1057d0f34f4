import warnings

import pytest
from sklearn.exceptions import ConvergenceWarning

from core import train, train_drawn
from core.artifacts import artifact_paths, load_artifact
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


DRAWING_CARD_SECTIONS = ("data", "split", "preprocessing", "augmentation", "hyperparameters", "test_metrics", "versions")


def test_digits_mlp_quick_run_card():
    # Two epochs on 300 images stop before convergence: the warning must be
    # recorded in the card, not leak out.
    folder = real_data_dir(*(spec.filename for spec in MNIST_FILES.values()))
    with warnings.catch_warnings():
        warnings.simplefilter("error", ConvergenceWarning)
        model, card = train.train_digits_mlp(folder=folder, train_rows=300, max_iter=2)
    assert model.n_features_in_ == 784
    assert card["converged"] is False
    assert card["n_iter"] == 2
    assert card["split"]["train_rows"] == 300
    assert card["split"]["augmented_rows"] == 300
    assert card["split"]["test_rows"] == 10000
    assert card["augmentation"]["random_state"] == train_drawn.AUGMENT_RANDOM_STATE
    assert card["hyperparameters"]["random_state"] == 0
    assert card["preprocessing"]["mnist_stroke_width"] == train.digits.MNIST_STROKE_WIDTH
    assert 0.0 <= card["test_metrics"]["accuracy"] <= 1.0


def test_digits_mlp_training_is_reproducible():
    folder = real_data_dir(*(spec.filename for spec in MNIST_FILES.values()))
    first, _ = train.train_digits_mlp(folder=folder, train_rows=200, max_iter=1)
    second, _ = train.train_digits_mlp(folder=folder, train_rows=200, max_iter=1)
    for first_weights, second_weights in zip(first.coefs_, second.coefs_):
        assert (first_weights == second_weights).all()


def test_digits_lr_augmented_quick_run_card():
    folder = real_data_dir(*(spec.filename for spec in MNIST_FILES.values()))
    with warnings.catch_warnings():
        warnings.simplefilter("error", ConvergenceWarning)
        model, card = train.train_digits_lr_augmented(folder=folder, train_rows=300, max_iter=5)
    assert model.n_features_in_ == 784
    assert card["model"] == "digits_lr_augmented"
    assert card["converged"] is False
    assert card["n_iter"] == 5
    assert card["split"]["augmented_rows"] == 300
    assert train.TRAINERS["digits_lr_augmented"] is train.train_digits_lr_augmented


@pytest.mark.parametrize(("name", "min_accuracy"), [("digits_mlp", 0.985), ("digits_lr_augmented", 0.94)])
def test_saved_drawing_models_have_full_cards(name, min_accuracy):
    model, card = load_artifact(name)
    for section in DRAWING_CARD_SECTIONS:
        assert isinstance(card[section], dict), section
    assert card["test_metrics"]["accuracy"] >= min_accuracy
    assert card["split"] == {
        "method": "official MNIST split; the test images are used only for test_metrics",
        "train_rows": 60000,
        "augmented_rows": 60000,
        "test_rows": 10000,
    }
    assert card["augmentation"]["copies"] == train_drawn.AUGMENT_COPIES
    assert card["training_seconds"] > 0


@pytest.mark.parametrize("name", ["digits_mlp", "digits_lr_augmented"])
def test_saved_drawing_model_under_25_mb(name):
    model_path, _ = artifact_paths(name)
    assert model_path.stat().st_size < 25 * 1024 * 1024


def test_cli_help_lists_drawing_models(capsys):
    with pytest.raises(SystemExit):
        train.main(["--help"])
    output = capsys.readouterr().out
    assert "digits_mlp" in output
    assert "digits_lr_augmented" in output
