"""The repository's own scripts: `scripts/test` refuses to run while a golden-recording variable is set (issue 14),
because with one set the golden tests re-record instead of checking, and a green run would prove nothing."""

from __future__ import annotations

import os
import subprocess

import pytest

from conftest import REPO_ROOT


@pytest.mark.parametrize("variable", ["RECORD_GOLDEN", "CLOUDFRONT_RECORD_GOLDEN"])
def test_scripts_test_refuses_a_recording_variable(variable):
    env = dict(os.environ, **{variable: "1"})
    result = subprocess.run([str(REPO_ROOT / "scripts" / "test")], env=env, capture_output=True, text=True,
                            timeout=30)
    assert result.returncode == 2, result.stderr
    assert f"{variable} is set" in result.stderr
    assert f"unset {variable}" in result.stderr
    assert result.stdout == "", "refused before anything ran"
