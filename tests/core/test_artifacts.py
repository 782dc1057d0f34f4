import json

import pytest
import sklearn
from sklearn.linear_model import LogisticRegression

from core.artifacts import ArtifactError, artifact_paths, library_versions, load_artifact, read_card, save_artifact


@pytest.fixture
def saved(tmp_path):
    model = LogisticRegression().fit([[0.0], [1.0], [2.0], [3.0]], [0, 0, 1, 1])
    card = {"model": "tiny", "data": {}, "split": {}, "hyperparameters": {}, "test_metrics": {"accuracy": 1.0}}
    save_artifact(model, card, "tiny", folder=tmp_path)
    return tmp_path


def test_round_trip_keeps_predictions(saved):
    model, card = load_artifact("tiny", folder=saved)
    assert model.predict([[0.0], [3.0]]).tolist() == [0, 1]
    assert card["model"] == "tiny"
    assert card["versions"] == library_versions()


def test_missing_model_file(tmp_path):
    with pytest.raises(ArtifactError, match=r"tiny\.joblib' is missing.*python -m core\.train"):
        load_artifact("tiny", folder=tmp_path)


def test_git_lfs_pointer_rejected(saved):
    model_path, _ = artifact_paths("tiny", folder=saved)
    model_path.write_text(
        "version https://git-lfs.github.com/spec/v1\noid sha256:0000\nsize 56101\n", encoding="utf-8"
    )
    with pytest.raises(ArtifactError, match="Git LFS pointer"):
        load_artifact("tiny", folder=saved)


@pytest.mark.parametrize("content", [b"", b"not a pickle at all", b"\x80\x04\x95garbage"])
def test_corrupted_model_rejected(saved, content):
    model_path, _ = artifact_paths("tiny", folder=saved)
    model_path.write_bytes(content)
    with pytest.raises(ArtifactError, match="could not be read"):
        load_artifact("tiny", folder=saved)


def test_other_sklearn_version_rejected(saved):
    _, card_path = artifact_paths("tiny", folder=saved)
    card = json.loads(card_path.read_text())
    card["versions"]["scikit-learn"] = "0.24.2"
    card_path.write_text(json.dumps(card))
    with pytest.raises(ArtifactError, match=f"saved with scikit-learn 0.24.2, but {sklearn.__version__}"):
        load_artifact("tiny", folder=saved)


def test_missing_card_rejected(saved):
    artifact_paths("tiny", folder=saved)[1].unlink()
    with pytest.raises(ArtifactError, match=r"tiny\.json' is missing"):
        load_artifact("tiny", folder=saved)


def test_invalid_card_rejected(saved):
    artifact_paths("tiny", folder=saved)[1].write_text("{not json")
    with pytest.raises(ArtifactError, match="not valid JSON"):
        read_card("tiny", folder=saved)


@pytest.mark.parametrize("name", ["spam", "digits"])
def test_committed_artifacts_load(name):
    model, card = load_artifact(name)
    assert hasattr(model, "predict_proba")
    assert card["versions"]["scikit-learn"] == sklearn.__version__
    assert set(card) >= {"data", "split", "hyperparameters", "test_metrics", "training_seconds", "versions"}


@pytest.mark.parametrize(
    ("content", "missing"),
    [("null", "'data'"), ("[]", "'data'"), ('{"data": {}, "split": {}}', "'hyperparameters'")],
)
def test_card_without_sections_rejected(saved, content, missing):
    artifact_paths("tiny", folder=saved)[1].write_text(content)
    with pytest.raises(ArtifactError, match=f"lacks the sections .*{missing}"):
        read_card("tiny", folder=saved)
