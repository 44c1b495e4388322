"""Help and shell completion of the `cadre` command line in the user's language: click's own
words and headings from the catalog, CJK text wrapped by width, kinds, choices and ids completed."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import partial
from typing import Any

import click
from click.shell_completion import CompletionItem

from tui.cli_session import Session, new_session
from tui.core import display, references
from tui.core.i18n import CATALOG, choose_language, set_language, t
from tui.core.records import KINDS
from tui.core.storage import DataFileError
from tui.core.store import merge_settings

# help and completion in the user's language ------------------------------------------------

HELP_SETTINGS = "cadre.help_settings"  # ctx.meta: the settings that help and completion show
HEADINGS = {"Options": "cli.help.options", "Commands": "cli.help.commands"}  # click's own headings
OPENING, CLOSING = "（「", "）」、，。；："  # no line ends on the first or starts on the second


def session_of(ctx: click.Context) -> Session:
    """This run's Session, made from the global options when --help or a completion comes
    before `cadre` itself has run."""
    root = ctx.find_root()
    if not isinstance(root.obj, Session):
        from tui.launch import data_path  # --db, CADRE_DB or the default, as `cadre` reads them

        db = data_path({"--db": str(root.params.get("db") or "")})
        root.obj = new_session(db, root.params.get("lang"))
    return root.obj


def settings_for_help(ctx: click.Context) -> dict[str, Any]:
    """The settings that help and completion show; the language is chosen by them as for every
    command. A data file that is missing or cannot be used gives the defaults: help never fails."""
    if HELP_SETTINGS not in ctx.meta:
        session = session_of(ctx)
        try:
            settings = session.store().settings
        except (DataFileError, OSError):
            settings = merge_settings(None)
        set_language(choose_language(session.lang, settings.get("language")))
        ctx.meta[HELP_SETTINGS] = settings
    return ctx.meta[HELP_SETTINGS]


def wrap_cells(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` terminal cells, broken at spaces or beside a wide (CJK)
    character (click counts characters: a line of Chinese took twice its width); inside
    `[a|b|c]` only after a `|`, so no choice is cut in two."""
    tokens: list[str] = []
    depth = 0  # inside [...]
    for char in text:
        last = tokens[-1][-1] if tokens else " "
        narrow = not char.isspace() and display.char_width(char) < 2
        if (
            (depth and last != "|")
            or (narrow and not last.isspace() and display.char_width(last) < 2)
            or (tokens and (char in CLOSING or last in OPENING))
        ):
            tokens[-1] += char
        else:
            tokens.append(char)
        depth += (char == "[") - (char == "]")
    lines, line = [], ""
    for token in tokens:
        if line.strip() and display.width(line + token.rstrip()) > width:
            lines.append(line.rstrip())
            line = "" if token.isspace() else token
        else:
            line += token
    return [*lines, line.rstrip()]


class CadreFormatter(click.HelpFormatter):
    """click's help layout, with its own words ("Usage:", "Options:" …) from the catalog and
    text wrapped by terminal cells, so Chinese lines fit the width too."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, t("cli.help.usage") if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        text = t(HEADINGS[heading]) if heading in HEADINGS else heading
        self.write(f"{'':>{self.current_indent}}{text}\n")

    def write_text(self, text: str) -> None:
        width = max(self.width - self.current_indent, 11)
        for line in wrap_cells(text, width):
            self.write(f"{'':>{self.current_indent}}{line}\n")

    def write_dl(
        self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        first = min(max(display.width(name) for name, _ in rows), col_max) + col_spacing
        margin = self.current_indent + first
        for name, text in rows:
            self.write(f"{'':>{self.current_indent}}{name}")
            if display.width(name) > first - col_spacing:  # a long option: its help goes below
                self.write(f"\n{'':>{margin}}")
            else:
                self.write(" " * (first - display.width(name)))
            lines = wrap_cells(text, max(self.width - margin, 10))
            self.write(f"\n{'':>{margin}}".join(lines) + "\n")


class CadreContext(click.Context):
    """A context whose help is written by CadreFormatter."""

    formatter_class = CadreFormatter


class LazyHelpOption(click.Option):
    """An option whose help is written when it is shown, in the language of that moment."""

    def __init__(self, *args: Any, describe: Callable[[click.Context], str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.describe = describe


def translated_option(*decls: str, help_key: str, **kwargs: Any) -> Callable[[Any], Any]:
    """`click.option` whose help is the catalog entry `help_key`."""
    return click.option(*decls, cls=LazyHelpOption, describe=lambda ctx: t(help_key), **kwargs)


class CompletedText(click.types.StringParamType):
    """Text taken as typed (the command checks it, naming its option), completed by `complete`."""

    def __init__(self, complete: Callable[[click.Context, str], list[CompletionItem]]) -> None:
        self.complete = complete

    def shell_complete(
        self, ctx: click.Context, param: click.Parameter, incomplete: str
    ) -> list[CompletionItem]:
        return self.complete(ctx, incomplete)


def kind_items(ctx: click.Context, incomplete: str) -> list[CompletionItem]:
    """The kinds that begin with `incomplete`, each with its name in the user's language."""
    settings_for_help(ctx)
    return [
        CompletionItem(name, help=kind.label())
        for name, kind in KINDS.items()
        if name.startswith(incomplete)
    ]


def id_items(
    ctx: click.Context, incomplete: str, kinds: Iterable[str] = KINDS
) -> list[CompletionItem]:
    """The short ids of the records of `kinds` that begin with `incomplete`, each with the kind
    and a few values that tell it apart."""
    settings_for_help(ctx)
    try:
        tables = session_of(ctx).store().data
    except (DataFileError, OSError):
        return []
    prefix = incomplete.lower()
    width = max(references.SHORT_ID, len(prefix))
    return [
        CompletionItem(
            found.record["id"][:width],
            help=display.escape(
                f"{found.kind.label()} {references.summary(found.kind, found.record)}"
            ),
        )
        for found in references.candidates(tables, prefix, kinds)
    ]


COMPLETED_METAVARS = {"KIND": CompletedText(kind_items), "ID": CompletedText(id_items)}


class CadreCommand(click.Command):
    """A command whose help is in the user's language: its text from the catalog (`help_text`,
    by default the entry `cli.cmd.NAME`), its options' from their `describe`. A parameter shown as
    KIND or ID completes the kinds or the record ids."""

    context_class = CadreContext

    def __init__(
        self, *args: Any, help_text: Callable[[], str] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        key = f"cli.cmd.{self.name}"
        self.help_text = help_text or (partial(t, key) if key in CATALOG else None)
        for param in self.params:
            if (
                param.metavar in COMPLETED_METAVARS
                and type(param.type) is click.types.StringParamType
            ):
                param.type = COMPLETED_METAVARS[param.metavar]

    def in_language(self, ctx: click.Context) -> None:
        """Choose the language (the settings' too) and write the options' help in it."""
        settings_for_help(ctx)
        for param in self.get_params(ctx):
            if isinstance(param, LazyHelpOption):
                param.help = param.describe(ctx)

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = t("cli.help.help")
        return option

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        self.in_language(ctx)
        super().format_help(ctx, formatter)

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        if self.help_text is None:
            super().format_help_text(ctx, formatter)
            return
        formatter.write_paragraph()
        with formatter.indentation():
            formatter.write_text(self.help_text())

    def get_short_help_str(self, limit: int = 45) -> str:
        return self.help_text() if self.help_text is not None else super().get_short_help_str(limit)

    def shell_complete(self, ctx: click.Context, incomplete: str) -> list[CompletionItem]:
        self.in_language(ctx)
        return super().shell_complete(ctx, incomplete)


class CadreGroup(CadreCommand, click.Group):
    """A group of CadreCommands: its commands and groups are made by the same classes."""

    command_class = CadreCommand
    group_class = type
