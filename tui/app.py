"""The Textual app: five tabs on the keys 1–5, undo, help, the command palette, live refresh when
another process changes the file, and zh/en relabelling. Record keys live on the panes' widgets."""

from __future__ import annotations

import asyncio
import contextlib
import gc
from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

from rich.align import Align
from rich.text import Text
from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.command import (
    CommandList,
    CommandPalette,
    DiscoveryHit,
    Hit,
    Hits,
    Provider,
    SearchIcon,
)
from textual.containers import Vertical
from textual.css.query import NoMatches
from textual.geometry import Region
from textual.widget import AwaitMount, Widget
from textual.widgets import ContentSwitcher, Static
from textual.widgets.option_list import OptionDoesNotExist

from tui.changes import run_change
from tui.collector import CHECK_SECONDS, QuietCollector
from tui.core import dates
from tui.core.display import escape
from tui.core.i18n import choose_language, get_language, set_language, t
from tui.core.records import KINDS
from tui.core.storage import DataFileError
from tui.core.store import Store
from tui.panes import PANES, load_pane
from tui.panes.base import AHEAD, Pane
from tui.preview import FirstScreen, Preview
from tui.widgets.footer import KeyBar
from tui.widgets.tab_bar import TabBar

THEMES = ("textual-dark", "gruvbox", "textual-light", "textual-ansi")
REFRESH_SECONDS = 1.0
READ_AFTER_FIRST_SCREEN = 0.1  # seconds after the first screen was rendered
WARM_AFTER_FIRST_SCREEN = 1.5  # seconds after mounting; then the other tabs are made unseen
WARM_SECONDS = 0.1  # between two tabs made unseen (a key pressed meanwhile waits for one)
OUT_OF_SIGHT = 1000  # rows below the screen where a tab made ahead is laid out


def lay_out_ahead(tab: Widget) -> None:
    """Lay `tab` out below the screen at its size on screen: its widgets get their sizes and
    scroll bars out of sight. (Inline styles, not a rule of the class: taking the class away
    restyles every widget in the tab, and a DataTable then drops the lines it drew.)"""
    tab.add_class(AHEAD)
    tab.styles.position = "absolute"
    tab.styles.offset = (0, OUT_OF_SIGHT)
    tab.styles.width = "100%"
    tab.styles.height = "100%"
    tab.display = True


def put_in_place(tab: Widget) -> None:
    """Undo `lay_out_ahead`: the tab is laid out in its place again (shown or not)."""
    tab.remove_class(AHEAD)
    for rule in ("position", "offset", "width", "height"):
        tab.styles.clear_rule(rule)


def draw_ahead(tab: Widget) -> None:
    """Draw every widget of a tab laid out ahead into the widget's own cache of lines: its first
    showing then puts those lines on screen (the list that takes the cursor, which looks
    different then, is drawn again)."""
    tab.remove_class(AHEAD)  # restyles the tab's widgets, which drops lines: before drawing
    for widget in tab.walk_children(Widget):
        width, height = widget.region.size
        if width and height:
            widget.render_lines(Region(0, 0, width, height))


class CadreCommands(Provider):
    """The command palette: add each kind, go to each tab, language, theme, export, import, help,
    quit."""

    def commands(self) -> Iterator[tuple[str, Callable[[], Any]]]:
        """(title, callback) of every command, in the current language."""
        app = self.app
        assert isinstance(app, CadreApp)
        for kind in KINDS:
            yield (t("cmd.add", kind=t(f"kind.{kind}")), partial(app.add_record, kind))
        for number, name in enumerate(PANES, 1):
            label = t("cmd.tab", tab=t(f"tab.{name}"), number=number)
            yield (label, partial(app.action_show_tab, name))
        for language in ("zh", "en"):
            yield (t(f"cmd.language.{language}"), partial(app.switch_language, language))
        for theme in THEMES:
            yield (t("cmd.theme", name=theme), partial(app.switch_theme, theme))
        yield (t("cmd.export"), app.action_export)
        yield (t("cmd.import"), app.action_import)
        yield (t("cmd.help"), app.action_help)
        yield (t("cmd.quit"), app.exit)

    async def discover(self) -> Hits:
        for title, callback in self.commands():
            yield DiscoveryHit(title, callback)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, callback in self.commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback)


class Palette(CommandPalette):
    """Textual's command palette with a plain `>` where it shows an emoji, and its "No matches
    found" line in the user's language (Textual is pinned to 8.2.8, whose names these are)."""

    def on_mount(self) -> None:
        self.query_one(SearchIcon).icon = ">"

    def _start_no_matches_countdown(self, search_value: str) -> None:
        super()._start_no_matches_countdown(search_value)
        self.set_timer(self._NO_MATCHES_COUNTDOWN + 0.01, self._translate_no_matches)

    def _translate_no_matches(self) -> None:
        with contextlib.suppress(OptionDoesNotExist, NoMatches):
            self.query_one(CommandList).replace_option_prompt(
                self._NO_MATCHES, Align.center(Text(t("cmd.no_matches"), style="not bold"))
            )


class CadreApp(App[None]):
    """cadre in a terminal: one Store, shown as five tabs."""

    CSS_PATH = "app.tcss"
    TITLE = "cadre"
    COMMANDS = {CadreCommands}
    BINDINGS = [
        *(
            Binding(str(number), f"show_tab('{name}')", "key.tabs", show=False)
            for number, name in enumerate(PANES, 1)
        ),
        Binding("u", "undo", "key.undo"),
        Binding("question_mark", "help", "key.help", key_display="?"),
        Binding("q", "quit", "key.quit"),
        Binding("ctrl+p", "command_palette", "key.palette", show=False, priority=True),
    ]

    def __init__(
        self,
        store: Store,
        today: dates.Date | None = None,
        first: FirstScreen | None = None,
        coming: Preview | None = None,
        language: str | None = None,
    ) -> None:
        """`first`: the settings and Overview figures worked out before the store read the file
        (a large file is then read right after the first screen is drawn). Without figures, they
        are `coming` from a child reading a file changed since its summary: the first frame is
        drawn in the summary's settings, the Overview when they come (in `language`, `--lang`, or
        the language of the file's settings)."""
        super().__init__()
        self.store = store
        self.fixed_today = today
        self.first = first
        self.coming = coming
        self.language = language
        self.first_screen_failed = False  # the child found the file unusable: the app ended
        settings = first.settings if first is not None else store.settings
        if settings.get("theme") in THEMES:
            self.theme = settings["theme"]
        self.panes: dict[str, Pane] = {}
        self.refused_signature: tuple[int, int, int] | None = None  # of a file already reported
        self.drawn_signature: tuple[int, int, int] | None = None  # of the file the panes drew
        self.collector = QuietCollector()
        store.subscribe(lambda change: self.refresh_panes())

    def today(self) -> dates.Date:
        """The day the app shows: the injected one, or the store's today (until the file is read,
        today in the time zone of the settings the first screen came with)."""
        if self.fixed_today is not None:
            return self.fixed_today
        return self.store.today(self.first.settings if self.first is not None else None)

    # layout ------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield TabBar(PANES, self.tab_label, id="tab-bar")
        yield Static(id="read-only")  # shown while the file can only be read
        with ContentSwitcher(initial=PANES[0], id="tabs"):
            for name in PANES:  # a tab's pane is made when the tab is first shown
                with Vertical(id=name, classes="tab"):
                    if name == PANES[0]:
                        yield self.make_pane(name)
        yield KeyBar()

    def on_mount(self) -> None:
        self.call_after_refresh(self.collector.start)
        self.set_interval(CHECK_SECONDS, self.collector.collect_if_quiet)
        self.show_read_only()
        if self.coming is not None:
            asyncio.get_running_loop().add_reader(self.coming.fd, self.take_first_screen)
        elif self.first is None:
            self.drawn_signature = self.store.storage.signature()  # the Overview was drawn from it
        else:
            self.read_after_first_screen()
        self.set_interval(REFRESH_SECONDS, self.check_disk)
        self.set_timer(WARM_AFTER_FIRST_SCREEN, self.warm_next_pane)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent):
            self.collector.noticed_input()
        await super().on_event(event)

    def on_unmount(self) -> None:
        self.collector.stop()

    def read_after_first_screen(self) -> None:
        """The Overview came from a child: read the file here once Textual's writer thread has
        put the first screen out (parsing holds the GIL for the whole file)."""
        self.call_after_refresh(self.set_timer, READ_AFTER_FIRST_SCREEN, self.check_disk)

    def take_first_screen(self) -> None:
        """Draw the Overview the child worked out, in the language and theme of the file's
        settings; a child that failed found the file unusable: the app ends, and the command
        line says why."""
        assert self.coming is not None and self.first is not None
        asyncio.get_running_loop().remove_reader(self.coming.fd)
        answer, self.coming = self.coming.result(), None
        if answer is None:
            self.first_screen_failed = True
            self.exit()
            return
        self.first = answer
        theme = answer.settings.get("theme")
        if theme in THEMES and theme != self.theme:
            self.theme = theme
        language = choose_language(self.language, answer.settings.get("language"))
        if language != get_language():
            set_language(language)
            self.relabel_frame()
        overview = self.panes[PANES[0]]
        overview.preview, overview.waiting = answer.figures, False
        overview.refresh_data()
        self.read_after_first_screen()

    @staticmethod
    def tab_label(name: str) -> str:
        """`2 学习`: the tab's key and name."""
        return f"{PANES.index(name) + 1} {t(f'tab.{name}')}"

    def make_pane(self, name: str) -> Pane:
        pane = load_pane(name, self.store, self.today)
        if name == PANES[0] and self.first is not None:
            pane.preview = self.first.figures
            pane.waiting = self.coming is not None
        self.panes[name] = pane
        return pane

    def warm_next_pane(self) -> None:
        """Make the next tab not made yet, out of sight, so that its first showing only draws it
        (at 50,000 records working out a tab's figures takes a few hundred ms); one at a time.

        A tab made is laid out once below the screen, then drawn and put away at the next step:
        its widgets have their sizes, scroll bars and lines then, not in the frames after its
        key."""
        name = next((name for name in PANES if name not in self.panes), None)
        if not self.is_running or not self.screen_stack:  # closing
            return
        for tab in self.tabs.query_children(f".{AHEAD}"):  # laid out by now: out of sight again
            draw_ahead(tab)
            put_in_place(tab)
            tab.display = tab.id == self.active_tab
        if name is None:
            self.set_timer(WARM_SECONDS, self.warm_forms)
            return
        if self.usable_now():
            tab = self.tabs.get_child_by_id(name)
            tab.mount(self.make_pane(name))
            if tab.id != self.active_tab:  # laid out below the screen, sized, then put away
                lay_out_ahead(tab)
        self.set_timer(WARM_SECONDS, self.warm_next_pane)

    def warm_forms(self) -> None:
        """Load the forms, have Textual take in their controls' styles and make the Overview's
        form, out of sight and once (about 100 ms at the first `a` otherwise), after the tabs."""
        from tui.forms import ControlSamples, make_form_ahead

        if not self.is_running or not self.screen_stack:  # closing
            return
        self.screen_stack[0].mount(ControlSamples())
        make_form_ahead(self, self.store, self.panes[PANES[0]].default_kind)  # the Overview's `a`
        # What the warm-up made lives as long as the app: out of the collector's scans, which
        # otherwise paused a key now and then for 40-100 ms (a full collection) at 50,000 records.
        self.set_timer(WARM_SECONDS, gc.freeze)

    def usable_now(self) -> bool:
        """Check the file before a new pane reads it: False (reported once) when it is unusable."""
        self.check_disk()
        return self.refused_signature is None

    def show_read_only(self) -> DataFileError | None:
        """Say in the title and under the tabs whether the file can only be read (its mode, or
        its folder's, may change while the app runs); returns why it cannot be changed."""
        try:
            self.store.storage.check_writable()
        except DataFileError as error:
            refusal: DataFileError | None = error
        else:
            refusal = None
        banner = self.screen_stack[0].query_one("#read-only", Static)
        text = t("app.read_only_banner", path=escape(self.store.path)) if refusal else ""
        if str(banner.content) != text:  # the same text again would cost a layout and a frame
            banner.update(Text(text, style="bold reverse"))
        banner.display = refusal is not None
        self.title = t("app.read_only_title") if refusal else self.TITLE
        return refusal

    def push_screen(self, screen: Any, *args: Any, **kwargs: Any) -> Any:
        """Push `screen`; but a form that would change a read-only file is not opened, and a
        notice says why (reading, exporting and help still work)."""
        refusal = self.show_read_only()
        if refusal is not None:
            from tui.exchange_dialogs import ImportDialog
            from tui.forms import RecordForm

            if isinstance(screen, (RecordForm, ImportDialog)):
                notice = t("app.read_only_edit", path=refusal.path, problem=refusal.problem)
                self.notify(escape(notice), severity="warning", markup=False, timeout=8)
                return AwaitMount(self.screen, [])
        return super().push_screen(screen, *args, **kwargs)

    @property
    def tabs(self) -> ContentSwitcher:
        return self.screen_stack[0].query_one("#tabs", ContentSwitcher)

    @property
    def active_tab(self) -> str:
        """The name of the tab on screen."""
        return self.tabs.current or PANES[0]

    def on_tab_bar_chosen(self, event: TabBar.Chosen) -> None:
        self.action_show_tab(event.name)

    # refreshing --------------------------------------------------------------------------

    def refresh_panes(self) -> None:
        """Redraw the pane on screen now and the others when they are next shown."""
        if not self.is_running:  # a change made through the store before the app started
            return
        self.drawn_signature = self.store.storage.signature()
        active = self.active_tab
        for name, pane in self.panes.items():
            if name == active:
                pane.stale = False
                pane.refresh_data()
            else:
                pane.stale = True

    def check_disk(self) -> None:
        """Reload and redraw when another process changed the data file (forms stay as typed).

        A file that cannot be used is reported once, not every second, until it changes again."""
        if self.coming is not None:
            return  # the child is reading it
        signature = self.store.storage.signature()
        if signature in (self.drawn_signature, self.refused_signature):
            return  # unchanged since it was drawn (whoever read it since), or already reported
        try:
            self.store.data  # noqa: B018 - re-reads the file now, not in the middle of a key
        except DataFileError as error:
            self.refused_signature = signature
            self.notify(escape(error), severity="error", markup=False, timeout=10)
            return
        gc.freeze()  # the records live until the next change: keep them out of collections
        self.refused_signature = None
        self.first = None  # read: from now on the settings are the file's
        self.refresh_panes()

    # keys ------------------------------------------------------------------------------

    def action_show_tab(self, name: str) -> None:
        """Show tab `name` (its pane is made the first time, brought up to date after that)."""
        self.tabs.current = name
        put_in_place(self.tabs.get_child_by_id(name))  # shown in place if being laid out ahead
        self.screen_stack[0].query_one(TabBar).active = name
        pane = self.panes.get(name)
        if pane is None:
            if self.usable_now():  # else the tab stays empty until the file is usable again
                self.tabs.get_child_by_id(name).mount(self.make_pane(name))
            return
        if pane.stale and self.usable_now():
            pane.stale = False
            pane.refresh_data()
        pane.focus_first()

    def add_record(self, kind: str) -> None:
        """Open the form of a new record of `kind` (the palette's add commands)."""
        from tui.forms import record_form

        self.push_screen(record_form(self, self.store, kind))

    def action_undo(self) -> None:
        run_change(self, self.store.undo, None)

    def action_export(self) -> None:
        """Open the export dialog (kinds, period, format, file)."""
        from tui.exchange_dialogs import ExportDialog

        self.push_screen(ExportDialog(self.store))

    def action_import(self) -> None:
        """Open the import dialog (the store tells the panes when an import wrote)."""
        from tui.exchange_dialogs import ImportDialog

        self.push_screen(ImportDialog(self.store))

    def action_help(self) -> None:
        """The keys that work where the cursor is, and those of the forms."""
        from tui.dialogs import HelpScreen
        from tui.forms import RecordForm

        live = [active.binding for active in self.screen.active_bindings.values()]
        self.push_screen(HelpScreen(live, RecordForm.BINDINGS))

    def action_help_quit(self) -> None:
        """ctrl+c copies in Textual; say (in the user's language) which key quits."""
        self.notify(t("app.quit_hint"))

    def action_command_palette(self) -> None:
        if not CommandPalette.is_open(self):
            self.push_screen(Palette(placeholder=t("cmd.placeholder"), id="--command-palette"))

    # language and theme ------------------------------------------------------------------

    def switch_language(self, language: str) -> None:
        """Relabel everything in `language` and keep the choice in the settings."""
        set_language(language)
        run_change(
            self, lambda: self.store.save_settings({"language": language}), t("app.language")
        )
        self.relabel_everything()

    def relabel_everything(self) -> None:
        self.relabel_frame()
        self.refresh_panes()

    def relabel_frame(self) -> None:
        """Relabel what is around the panes: the tabs, the title and the footer."""
        self.screen_stack[0].query_one(TabBar).refresh()
        self.show_read_only()
        self.refresh_bindings()  # the footer names its keys anew

    def switch_theme(self, theme: str) -> None:
        """Use a built-in theme and keep the choice in the settings."""
        self.theme = theme
        run_change(
            self, lambda: self.store.save_settings({"theme": theme}), t("app.theme", name=theme)
        )
