"""Settings: xlate.toml, every key with a default; anything unknown or mistyped is refused."""

import dataclasses
import sys

import pytest

from xlate import settings
from xlate.errors import SetupError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def write(tmp_path, text: str):
    (tmp_path / "xlate.toml").write_text(text, encoding="utf-8")
    return tmp_path


def test_without_a_file_every_key_has_its_default(tmp_path):
    assert settings.load(tmp_path) == settings.Settings()


def test_keys_given_replace_their_defaults_and_the_rest_keep_theirs(tmp_path):
    loaded = settings.load(write(tmp_path, "[mt]\nbeam_size = 4\n[segment]\nabbreviations = [\"Th.S.\"]\n"))
    assert loaded.mt.beam_size == 4 and loaded.segment.abbreviations == ["Th.S."]
    assert loaded.mt.batch_size == settings.MTSettings().batch_size


def test_ingest_rules_are_read_from_their_section(tmp_path):
    loaded = settings.load(write(tmp_path, '[ingest]\ndrop = ["^Nguồn:"]\nkeep = ["^Xem thêm ảnh"]\nkeep_tables = true\n'))
    assert (loaded.ingest.drop, loaded.ingest.keep, loaded.ingest.keep_tables) == (["^Nguồn:"], ["^Xem thêm ảnh"], True)


def test_an_integer_is_accepted_where_a_float_is_expected(tmp_path):
    assert settings.load(write(tmp_path, "[mt]\ntimeout = 3\n")).mt.timeout == 3.0


@pytest.mark.parametrize("text, says", [
    ("[mt]\nbeam_size = \"two\"\n", "[mt] beam_size must be a int"),
    ("[mt]\nbeam_size = true\n", "[mt] beam_size must be a int"),
    ("[mt]\nbeem_size = 2\n", "unknown key 'beem_size' in [mt]"),
    ("[mtt]\nbeam_size = 2\n", "unknown section [mtt]"),
    ("[mt\n", "cannot read the settings"),
    ("[mt]\ndevice = \"gpu\"\n", '[mt] device must be one of "auto", "cpu", "cuda", not \'gpu\''),
    ("[mt]\nbatch_type = \"sentences\"\n", '[mt] batch_type must be one of "examples", "tokens"'),
    ("[ingest]\ndrop = \"^Nguồn\"\n", "[ingest] drop must be a list"),
    ("[ingest]\nkeep_tables = 1\n", "[ingest] keep_tables must be a bool"),
])
def test_a_bad_file_is_a_setup_error_naming_it(tmp_path, text, says):
    with pytest.raises(SetupError) as refused:
        settings.load(write(tmp_path, text))
    assert says in str(refused.value) and "xlate.toml" in str(refused.value)


def test_the_init_template_lists_every_key_commented_at_its_default():
    text = settings.template()
    uncommented = "\n".join(line[2:] if line.startswith("# ") and " = " in line else line
                            for line in text.splitlines())
    raw = tomllib.loads(uncommented)
    for name, section in (("mt", settings.MTSettings), ("export", settings.ExportSettings),
                          ("segment", settings.SegmentSettings), ("ingest", settings.IngestSettings),
                          ("style", settings.Style)):
        defaults = dataclasses.asdict(section())
        assert raw[name] == defaults, name
    assert tomllib.loads(text) == {name: {} for name in raw}  # as written, every key is commented out


def test_the_style_section_sets_the_house_style_of_values(tmp_path):
    loaded = settings.load(write(tmp_path, '[style]\ndate_order = "month-day"\ntime_format = "24h"\n'))
    assert (loaded.style.date_order, loaded.style.time_format) == ("month-day", "24h")
    assert loaded.style.currency == settings.Style().currency == "code-after"


@pytest.mark.parametrize("text, says", [
    ('[style]\ndate_order = "dmy"\n', "[style] date_order must be one of 'day-month', 'month-day', not 'dmy'"),
    ('[style]\ncurrency = 1\n', "[style] currency must be a str, not 1"),
    ('[style]\nspell_out_below = -1\n', "[style] spell_out_below must be a whole number"),
    ('[style]\ndate = "x"\n', "unknown key 'date' in [style]"),
])
def test_a_bad_style_setting_is_a_setup_error_naming_the_key_and_the_choices(tmp_path, text, says):
    with pytest.raises(SetupError) as refused:
        settings.load(write(tmp_path, text))
    assert says in str(refused.value) and "xlate.toml" in str(refused.value)


def test_the_template_explains_each_style_choice():
    text = settings.template()
    assert '# "day-month" (16 July 2024) or "month-day" (July 16, 2024)\n# date_order = "day-month"' in text
