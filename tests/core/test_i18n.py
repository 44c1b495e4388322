"""The message catalog and the choice of language: zh and en side by side for every key."""

from __future__ import annotations

import string

import pytest

from tui.core.i18n import CATALOG, choose_language, language_from_locale, set_language, t


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_message_has_both_languages_with_the_same_placeholders() -> None:
    broken = [
        key
        for key, (zh, en) in CATALOG.items()
        if not zh.strip() or not en.strip() or placeholders(zh) != placeholders(en)
    ]
    assert broken == []


def test_t_follows_the_language() -> None:
    assert t("err.required") == "is required"
    set_language("zh")
    assert t("err.required") == "必填"
    assert t("days.in", n=3) == "3 天后"
    with pytest.raises(ValueError):
        set_language("fr")


@pytest.mark.parametrize(
    ("cli", "env", "settings", "chosen"),
    [
        ("en", {"CADRE_LANG": "zh", "LANG": "zh_CN.UTF-8"}, "zh", "en"),
        (None, {"CADRE_LANG": "zh", "LANG": "en_US.UTF-8"}, "en", "zh"),
        (None, {"LANG": "en_US.UTF-8"}, "zh", "zh"),
        (None, {"LANG": "zh_CN.UTF-8"}, None, "zh"),
        (None, {"LANG": "zh_TW.UTF-8"}, None, "zh"),
        (None, {"LANG": "de_DE.UTF-8"}, None, "en"),
        (None, {"LC_ALL": "zh_CN.UTF-8", "LANG": "C"}, None, "zh"),
        (None, {}, None, "en"),
        (None, {"CADRE_LANG": "fr", "LANG": "zh_CN"}, "xx", "zh"),
    ],
)
def test_choose_language_order(
    cli: str | None, env: dict[str, str], settings: str | None, chosen: str
) -> None:
    assert choose_language(cli, settings, env) == chosen


def test_language_from_locale() -> None:
    assert language_from_locale({"LC_MESSAGES": "zh_CN.UTF-8", "LANG": "en_US"}) == "zh"
    assert language_from_locale({"LANG": "C.UTF-8"}) == "en"
