"""The modal add/edit form of a record, generated from its kind's single definition.

One row per field (label, input, reason); every value is checked as it is typed, and nothing is
saved while any field is invalid. Each kind's form is made once per app and refilled after that."""

from __future__ import annotations

import time
from typing import Any

from textual import events, on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import HorizontalGroup, VerticalGroup, VerticalScroll
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Button, Checkbox, Input, Select, Static, TextArea

from tui.core.display import escape, fit, width
from tui.core.i18n import CATALOG, get_language, t
from tui.core.records import KINDS, Field, FieldError
from tui.core.storage import DataFileError
from tui.core.store import RecordError, Store
from tui.dialogs import Dialog
from tui.widgets.tick import Tick

NOTE = Field("note", "text")
LABEL_MAX = 20  # cells; a longer label is cut with …
FORM_CELLS = 74  # inside the form's box: 78 wide (its CSS), less its border and padding
REQUIRED_MARK = " *"
LOCK_POLL_SECONDS = 0.1  # how often a save waiting for the lock looks again

Control = Input | TextArea | Select[str] | Checkbox
Options = list[tuple[Content, str]]


def record_form(
    app: App[Any],
    store: Store,
    kind: str,
    record: dict[str, Any] | None = None,
    preset: dict[str, Any] | None = None,
) -> RecordForm:
    """The form of `kind` on `record` (None: a new one, blank but for `preset`), to push.

    Each kind's form is kept on `app` once made (an installed screen outlives its closing) and
    only refilled after that: making one (widgets, styles, layout) took 130-200 ms before its
    first frame, refilling one about 50, and closing one no longer removes its widgets. One of
    another language is made anew; one already open (the palette opened over it) is left as it
    is and a one-off form is made beside it."""
    name = f"form-{kind}"
    kept = app.get_screen(name) if app.is_screen_installed(name) else None
    if isinstance(kept, RecordForm):
        if kept in app.screen_stack:
            return RecordForm(store, kind, record, preset)
        if kept.store is store and kept.language == get_language():
            kept.refill(record, preset)
            return kept
        app.uninstall_screen(name)
        if kept.is_running:
            kept.remove()
    form = RecordForm(store, kind, record, preset)
    app.install_screen(form, name)
    return form


def make_form_ahead(app: App[Any], store: Store, kind: str) -> None:
    """Make the form of `kind` out of sight (its widgets and their styles), so that the first key
    that opens it only fills it in. It registers the screen as pushing it would (Textual 8.2.8's
    `App._register`, the first step of `push_screen`), without showing it."""
    form = record_form(app, store, kind)
    if not form.is_running:
        app._register(app, form)


def escape_lines(text: str) -> str:
    """`text` made terminal-safe line by line, keeping its line breaks."""
    return "\n".join(escape(line) for line in text.split("\n"))


def placeholder(field: Field) -> str:
    """What an empty input shows: the forms the field accepts."""
    if field.type == "int":
        if field.minimum is None:
            return t("form.hint.whole")
        return t("form.hint.int", minimum=field.minimum)
    if field.type in {"date", "month", "time", "mmdd", "decimal", "names", "items"}:
        return t(f"form.hint.{field.type}")
    return ""


def field_label(name: str) -> str:
    """The label of any record key, or the key itself when it has none."""
    return t(f"field.{name}") if f"field.{name}" in CATALOG else name


def label_text(field: Field) -> str:
    """The field's label, marked when it is required."""
    return field.label() + (REQUIRED_MARK if field.required else "")


class ControlSamples(VerticalGroup):
    """One control of each sort a form is made of, out of sight: mounted once ahead, it has
    Textual take in their styles before the first form opens; it goes once it is mounted."""

    DEFAULT_CSS = """
    ControlSamples {
        display: none;
    }
    """

    def compose(self) -> ComposeResult:
        with HorizontalGroup():
            yield Static()
            yield Input(compact=True)
        yield Select[str]([], compact=True)
        yield TextArea(compact=True)
        yield Tick("", False, id="sample-tick")
        yield Button("", compact=True)
        yield VerticalScroll(can_focus=False)

    def on_mount(self) -> None:
        self.call_after_refresh(self.remove)  # every control has mounted by now


class RecordForm(Dialog[dict[str, Any] | None]):
    """Add (record=None) or edit a record of `kind`; dismisses with the saved record or None.

    ctrl+s, the Save button or Enter on the last field saves; Escape cancels."""

    DEFAULT_CSS = """
    RecordForm #form-box {
        width: 78;
    }
    RecordForm #form-title {
        width: 100%;
        text-style: bold;
        content-align: center middle;
    }
    RecordForm #form-fields {
        height: auto;
    }
    RecordForm .form-row {
        height: auto;
    }
    RecordForm .form-label {
        height: 1;
        margin-right: 1;
    }
    RecordForm .form-row.-current > .form-label {
        text-style: bold reverse;
    }
    RecordForm .form-label.-invalid {
        color: $error;
        text-style: bold;
    }
    RecordForm .form-row Input, RecordForm .form-row Select {
        width: 1fr;
    }
    RecordForm .form-row Input:focus {
        background: $boost;
        text-style: underline;
    }
    RecordForm .form-row TextArea {
        width: 1fr;
        height: 3;
    }
    RecordForm .form-error {
        color: $error;
        display: none;
    }
    RecordForm .form-hint {
        color: $text-muted;
        display: none;
    }
    RecordForm #form-foot {
        height: auto;
    }
    RecordForm #form-message {
        color: $error;
        height: auto;
        display: none;
    }
    """

    BINDINGS = [
        Binding("tab", "app.focus_next", "key.fields", priority=True, show=False),
        # priority: focus moves before the next key arrives, so fast typing lands in the right field
        Binding("shift+tab", "app.focus_previous", "key.fields", priority=True, show=False),
        Binding("enter", "next_field", "key.next", priority=True, show=False),
        Binding("ctrl+s", "save", "key.save", priority=True, show=False),
        Binding("escape", "cancel", "key.cancel", show=False),
    ]

    def __init__(
        self,
        store: Store,
        kind: str,
        record: dict[str, Any] | None = None,
        preset: dict[str, Any] | None = None,
    ) -> None:
        """Edit `record`, or add a new one whose blank values are overlaid with `preset`."""
        super().__init__()
        self.store = store
        self.kind = KINDS[kind]
        self.fields: tuple[Field, ...] = (*self.kind.fields, NOTE)
        self.language = get_language()  # of the labels it is made with
        self.options: dict[str, Options] = {}  # of each choice, as its control holds them
        self.lock_deadline: float | None = None  # while a save waits for another writer's lock
        self.lock_timer: Timer | None = None  # the save's next look at the lock meanwhile
        self.styled_theme: str | None = None  # the theme all its widgets were last styled in
        self._take(record, preset)

    def _take(self, record: dict[str, Any] | None, preset: dict[str, Any] | None) -> None:
        """Start on `record`, or on a new record whose blank values are overlaid with `preset`."""
        self.record = record
        blank = self.kind.blank(self.store.settings, self.store.today()) | (preset or {})
        self.base: dict[str, Any] = {f.name: (record or blank).get(f.name) for f in self.fields}
        self.initial: dict[str, str | bool] = {f.name: self._raw_of(f) for f in self.fields}
        self.attempted = False
        self.errors: dict[str, str] = {}
        self.checked: dict[str, str | bool] | None = None  # what the reasons shown were read from
        self._stop_waiting()

    def refill(self, record: dict[str, Any] | None, preset: dict[str, Any] | None = None) -> None:
        """Open again on `record` (or a new one with `preset`): the fields hold its values, no
        reason shows yet, the list is at its top and the cursor goes to the first field."""
        self._take(record, preset)
        if not self.is_mounted:  # still being made: it fills itself in once mounted
            return
        self.query_one("#form-title", Static).update(self._title())
        self.query_one("#form-fields", VerticalScroll).scroll_home(animate=False)
        self._fill()
        self.validate()
        first = self.control(self.fields[0].name)
        if self.focused is not first:  # here, not once shown: its row is marked in the first frame
            self.set_focus(first)
        elif isinstance(first, Input):
            first.select_all()  # as focusing it does: typing replaces the value

    # building ------------------------------------------------------------------------

    def _raw_of(self, field: Field) -> str | bool:
        """What the control of `field` starts with."""
        value = self.base[field.name]
        if field.type == "bool":
            return bool(value)
        if field.type in {"choice", "ref"}:
            return value or ""
        return escape_lines(field.show(value))

    def _title(self) -> str:
        action = "form.edit" if self.record is not None else "form.add"
        return t(action, kind=self.kind.label())

    def compose(self) -> ComposeResult:
        cells = min(LABEL_MAX, max(width(label_text(f)) for f in self.fields))
        with VerticalGroup(id="form-box", classes="dialog-box"):
            yield Static(self._title(), id="form-title", markup=False)
            with VerticalScroll(id="form-fields", can_focus=False):
                for field in self.fields:
                    with HorizontalGroup(classes="form-row", id=f"row-{field.name}"):
                        label = Static(
                            fit(label_text(field), cells),
                            classes="form-label",
                            id=f"label-{field.name}",
                            markup=False,
                        )
                        label.styles.width = cells
                        yield label
                        yield self._control(field)
                    error = Static("", classes="form-error", id=f"error-{field.name}", markup=False)
                    error.styles.padding = (0, 0, 0, cells + 1)
                    yield error
                    if field.type == "items":
                        hint = Static("", classes="form-hint", id="form-sum", markup=False)
                        hint.styles.padding = (0, 0, 0, cells + 1)
                        yield hint
            with VerticalGroup(id="form-foot"):
                yield Static("", id="form-message", markup=False)
                with HorizontalGroup(classes="dialog-buttons"):
                    yield Button(t("form.save"), id="form-save", variant="primary", compact=True)
                    yield Button(t("form.cancel"), id="form-cancel", compact=True)

    def _control(self, field: Field) -> Control:
        """The input widget of one field, holding its first value."""
        name = f"field-{field.name}"
        raw = self.initial[field.name]
        if isinstance(raw, bool):
            return Tick(self._yes_no(raw), raw, id=name)
        if field.type in {"choice", "ref"}:
            options = self.options[field.name] = self._options(field, raw)
            return Select(
                options,
                prompt=self._prompt(options),
                value=raw or Select.NULL,
                id=name,
                compact=True,
            )
        if field.multiline:
            return TextArea(raw, id=name, compact=True, highlight_cursor_line=False)
        return Input(raw, placeholder=placeholder(field), id=name, compact=True)

    def _fill(self) -> None:
        """Put each field's first value in its control (a choice's list made anew first: the
        campaigns or the settings may have changed since the form was last open)."""
        for field in self.fields:
            raw = self.initial[field.name]
            control = self.control(field.name)
            if isinstance(control, Select):
                options = self._options(field, str(raw))
                if options != self.options[field.name]:
                    self.options[field.name] = options
                    control.set_options(options)
                    control.prompt = self._prompt(options)
                control.value = raw or Select.NULL
            elif isinstance(control, Checkbox):
                control.value = bool(raw)
            elif isinstance(control, TextArea):
                if control.text != raw:
                    control.load_text(str(raw))  # and no undoing back into the last record
            else:
                control.value = str(raw)

    def _options(self, field: Field, raw: str) -> Options:
        """The (shown text, stored value) pairs of a choice, or of a campaign of this kind, and
        `raw` when they no longer hold it."""
        options = self._listed(field)
        if raw and raw not in {value for _, value in options}:
            options.append((Content(escape(raw)), raw))  # a value the lists no longer hold
        return options

    @staticmethod
    def _prompt(options: Options) -> str:
        return t("form.blank") if options else t("form.no_campaigns")

    def _listed(self, field: Field) -> Options:
        """The (shown text, stored value) pairs of a choice, or of a campaign of this kind."""
        if field.type == "choice":
            pairs = [(field.show(o), o) for o in field.options(self.store.settings)]
        else:
            campaigns = [r for r in self.store.list("campaign") if r["kind"] == self.kind.name]
            pairs = [
                (
                    t("form.campaign_option", title=r["title"], start=r["start"], end=r["end"]),
                    r["id"],
                )
                for r in reversed(campaigns)  # the newest first
            ]
        return [(Content(escape(shown)), value) for shown, value in pairs]

    @staticmethod
    def _yes_no(value: bool) -> str:
        return t("bool.yes") if value else t("bool.no")

    def update_node_styles(self, animate: bool = True) -> None:
        """Restyle every widget of the form only in a theme it was not styled in. Textual does it
        at each opening of a screen (30-40 ms for a form); a kept form's widgets restyle
        themselves as their own state (focus, a reason shown) changes."""
        if self.styled_theme == self.app.theme:
            return
        self.styled_theme = self.app.theme
        super().update_node_styles(animate)

    def on_mount(self) -> None:
        self.styled_theme = self.app.theme  # its widgets took their styles as they were mounted
        self._fill()  # refilled between its compose and now (made ahead, opened at once)
        self.validate()
        self._fit()

    # reading and checking ------------------------------------------------------------

    def control(self, name: str) -> Control:
        """The input widget of the field `name`."""
        return self.query_one(f"#field-{name}")  # type: ignore[return-value]

    def raw(self, field: Field) -> str | bool:
        """What the control of `field` holds now."""
        control = self.control(field.name)
        if isinstance(control, Checkbox):
            return control.value
        if isinstance(control, Select):
            return "" if control.is_blank() else str(control.value)
        if isinstance(control, TextArea):
            return control.text
        return control.value

    def read(self, field: Field) -> Any:
        """The stored value of what `field` holds (unchanged text keeps the value exactly)."""
        raw = self.raw(field)
        if raw == self.initial[field.name]:
            return self.base[field.name]
        if isinstance(raw, bool):
            return raw
        return field.parse(raw, self.store.settings, self.store.today())

    def raws(self) -> dict[str, str | bool]:
        """What every control holds now, by field name."""
        return {field.name: self.raw(field) for field in self.fields}

    def validate(self) -> dict[str, Any] | None:
        """Check every field, show the reasons, and return the record to save (None if invalid)."""
        self.checked = self.raws()
        values: dict[str, Any] = {}
        errors: dict[str, str] = {}
        for field in self.fields:
            try:
                values[field.name] = self.read(field)
            except FieldError as error:
                errors[field.name] = error.reason
                values[field.name] = self.base[field.name]
        record = self.store.prepare(self.kind.name, values)
        if self.record is not None:
            record |= {key: self.record[key] for key in ("id", "created_at") if key in self.record}
        general: list[str] = []
        for problem in self.store.check(self.kind.name, record):
            if problem.field in values:
                errors.setdefault(problem.field, problem.reason)
            else:
                general.append(f"{field_label(problem.field)}: {problem.reason}")
        self._show(errors, general, values)
        return None if errors or general else record

    def _show(self, errors: dict[str, str], general: list[str], values: dict[str, Any]) -> None:
        """Put each reason under its field (an untouched empty field stays quiet until Save)."""
        self.errors = {}
        for field in self.fields:
            reason = errors.get(field.name)
            quiet = not self.attempted and self.raw(field) == self.initial[field.name] == ""
            shown = reason is not None and not quiet
            if reason is not None:
                self.errors[field.name] = reason
            self._put(f"#error-{field.name}", f"! {escape(reason)}" if shown else "")
            self.query_one(f"#label-{field.name}").set_class(shown, "-invalid")
            self.control(field.name).set_class(shown, "-invalid")
            if field.type == "items":
                items = values[field.name] if field.name not in errors else None
                total = sum(items.values()) if items else 0
                self._put("#form-sum", t("form.items_sum", total=total) if total else "")
        message = general[:]
        if self.attempted and (self.errors or general):
            message.insert(0, t("form.refused", count=len(self.errors) + len(general)))
        self._say(message)

    def _put(self, selector: str, text: str) -> bool:
        """Show `text` in a Static, hidden when empty; True when what is shown changed."""
        static = self.query_one(selector, Static)
        if str(static.content) == text and static.display == bool(text):
            return False
        static.update(text)
        static.display = bool(text)
        return True

    def _say(self, lines: list[str]) -> None:
        """Show `lines` above the buttons (nothing when empty)."""
        if self._put("#form-message", escape_lines("\n".join(lines))):
            self.call_after_refresh(self._fit)

    def _fit(self) -> None:
        """Let the fields scroll in what the screen leaves beside the title and the buttons.

        Before the form's first layout it goes by the app's size and the foot's height as it
        will be laid out: set only by the Resize of that layout, it took a second one."""
        feet, lists = self.query("#form-foot"), self.query("#form-fields")
        if not self.is_attached or not feet or not lists:  # closed before the layout came round
            return
        screen, foot = self.size if self.size.height else self.app.size, feet.first()
        below = foot.outer_size.height or foot.get_content_height(screen, screen, FORM_CELLS)
        lists.first().styles.max_height = max(3, screen.height - 3 - below)  # less borders, title

    def on_resize(self) -> None:
        self._fit()

    # events and actions --------------------------------------------------------------

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    @on(Checkbox.Changed)
    def _changed(self, event: Input.Changed) -> None:
        if isinstance(event, Checkbox.Changed):
            event.checkbox.label = self._yes_no(event.value)
        if self.is_mounted and self.raws() != self.checked:  # not a control taking its value
            self.validate()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Mark the row of the focused field (`:focus-within` does not restyle its label)."""
        for row in self.query(".form-row"):
            row.set_class(row in event.widget.ancestors, "-current")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Enter is the form's own only in a one-line input (elsewhere it opens, ticks or presses)."""
        return action != "next_field" or isinstance(self.focused, Input)

    def action_next_field(self) -> None:
        """Enter: on to the next field, or save from the last one."""
        if self.focused is self.control(self.fields[-1].name):
            self.action_save()
        else:
            self.focus_next()

    @on(Button.Pressed, "#form-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#form-cancel")
    def action_cancel(self) -> None:
        """Close without saving (and stop waiting for the lock: the form is kept, not removed)."""
        self._stop_waiting()
        self.dismiss(None)

    def action_save(self) -> None:
        """Save the record if every field is valid; otherwise say why and focus the first."""
        if self.lock_deadline is None:  # not while a save waits for the lock already
            self._save()

    def _save(self) -> None:
        self.attempted = True
        record = self.validate()
        if record is None:
            self._refuse()
            return
        if not self._lock_is_free():
            return
        names = [f.name for f in self.fields]
        changes = {name: record[name] for name in names}
        try:
            if self.record is None:
                saved = self.store.add(self.kind.name, changes)
            elif all(changes[name] == self.record.get(name) for name in names):
                self.app.notify(t("form.unchanged"))
                self.dismiss(self.record)
                return
            else:
                saved = self.store.update(self.kind.name, self.record["id"], changes)
        except RecordError as error:  # another process changed the file since the last check
            if self.validate() is not None:
                self._say([f"{field_label(p.field)}: {p.reason}" for p in error.problems])
            self._refuse()
            return
        except DataFileError as error:
            self._say([str(error)])
            self._refuse()
            return
        self.app.notify(t("form.saved"))
        self.dismiss(saved)

    def _lock_is_free(self) -> bool:
        """True when the save can go ahead. While another process holds the lock the form waits
        for it between frames (the screen keeps answering keys; Esc gives up), for as long as a
        writer waits, then says who holds it and keeps what was typed."""
        storage = self.store.storage
        if storage.lock_is_free():
            self.lock_deadline = None
            return True
        if self.lock_deadline is None:
            self.lock_deadline = time.monotonic() + storage.lock_timeout
        if time.monotonic() < self.lock_deadline:
            self._say([t("form.waiting_for_lock")])
            self.lock_timer = self.set_timer(LOCK_POLL_SECONDS, self._save)
            return False
        self.lock_deadline = None
        self._say([str(storage.lock_refusal())])
        self._refuse()
        return False

    def _stop_waiting(self) -> None:
        """Give up a save waiting for the lock."""
        if self.lock_timer is not None:
            self.lock_timer.stop()
            self.lock_timer = None
        self.lock_deadline = None

    def _refuse(self) -> None:
        """Focus the first invalid field and ring the bell."""
        self.app.bell()
        for field in self.fields:
            if field.name in self.errors:
                self.control(field.name).focus()
                break
