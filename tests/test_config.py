"""One settings object: defaults, environment overrides read in the field's type, clear errors."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tolltrack.config import SETTINGS, Settings


def test_environment_overrides_are_read_in_the_fields_type():
    s = Settings.from_env({"TOLLTRACK_LINK_WINDOW_DAYS": "30", "TOLLTRACK_DISAGREEMENT_RATIO": "2",
                           "TOLLTRACK_WINDOW_CHARS": "100_000", "UNRELATED": "x"})  # fmt: skip
    assert (s.link_window_days, s.disagreement_ratio, s.window_chars) == (30, 2.0, 100_000)
    assert s.page_size == Settings().page_size


def test_a_bad_value_names_the_variable():
    with pytest.raises(ValueError, match="TOLLTRACK_PAGE_SIZE='many': not a int"):
        Settings.from_env({"TOLLTRACK_PAGE_SIZE": "many"})


def test_the_stages_read_the_settings_of_their_process():
    code = ("from tolltrack.linking.match import LinkConfig; from tolltrack.reconcile import ranges; "
            "from tolltrack.web import pages; "
            "print(LinkConfig().publication_window_days, ranges.RATIO, pages.PER_PAGE)")  # fmt: skip
    env = {"TOLLTRACK_LINK_WINDOW_DAYS": "9", "TOLLTRACK_DISAGREEMENT_RATIO": "3.5",
           "TOLLTRACK_PAGE_SIZE": "7"}  # fmt: skip
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["9", "3.5", "7"]
    assert Settings.from_env({}) == SETTINGS  # this test process runs with the defaults
