"""The bad-input catalogue in docs/bad-inputs.md names only tests that exist."""

import ast
import re

import pytest

from core.datasets import PROJECT_ROOT

CATALOGUE = PROJECT_ROOT / "docs" / "bad-inputs.md"
TEST_REFERENCE = re.compile(r"(tests/[\w/]+\.py)::(\w+)")


def cited_tests():
    """Return the ``(path, name)`` pairs that the catalogue cites, in order of first mention."""
    return list(dict.fromkeys(TEST_REFERENCE.findall(CATALOGUE.read_text(encoding="utf-8"))))


def defined_functions(path):
    """Return the names of the functions defined at the top level of ``path`` or in its classes."""
    tree = ast.parse((PROJECT_ROOT / path).read_text(encoding="utf-8"), filename=path)
    names = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            names.add(node.name)
        elif isinstance(node, ast.ClassDef):
            names.update(item.name for item in node.body if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)))
    return names


def test_catalogue_cites_tests():
    assert len(cited_tests()) >= 30


@pytest.mark.parametrize(("path", "name"), cited_tests())
def test_cited_test_exists(path, name):
    assert (PROJECT_ROOT / path).is_file(), f"docs/bad-inputs.md cites {path}, which does not exist"
    assert name in defined_functions(path), f"docs/bad-inputs.md cites {path}::{name}, which {path} does not define"
