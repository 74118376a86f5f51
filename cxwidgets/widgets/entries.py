"""`EntryStep`: the add / edit / remove / undo form most steps are made of.

A step that collects entries of one kind (touchpoints, pain points, actions ...) declares
its fields, how to read them and how to fill them; this class supplies the rest the same
way everywhere: "Add" saves a new entry, picking one of your own entries loads it for
editing and "Save changes" updates it, "Remove" and "Undo my last change" do what they
say. A refused entry keeps what was typed in the form and stores nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, ClassVar, Generic, TypeVar

import ipywidgets as w

from cxwidgets.language import N_, _, ngettext
from cxwidgets.method.kinds import Kind, kind
from cxwidgets.method.model import Entity, Workshop
from cxwidgets.method.steps import step
from cxwidgets.method.views import label_of
from cxwidgets.widgets.base import StepWidget, allow, set_options
from cxwidgets.widgets.session import ERROR

NEW = ""

#: The kind of entry a screen collects.
E = TypeVar("E", bound=Entity)


class EntryStep(StepWidget, Generic[E]):
    """A step screen built around one kind of entry.

    A step's screen takes its kind from the step (the first kind the step fills); a
    technique's screen, which no step fills, names its `collection`."""

    collection: ClassVar[str]
    #: The record of the kind of entry this screen adds (`method.kinds`).
    kind: ClassVar[Kind]
    #: What one entry is called ("pain point"): the kind's word.
    noun: ClassVar[str]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "collection" not in cls.__dict__ and "step_key" in cls.__dict__:
            cls.collection = step(cls.step_key).fills[0]
        if "collection" in cls.__dict__:
            cls.kind = kind(cls.collection)
            cls.noun = cls.kind.one

    # -- for subclasses -------------------------------------------------------------

    def fields(self) -> list[w.Widget]:
        """The form's controls, laid out (built once)."""
        raise NotImplementedError

    def values(self) -> dict[str, Any] | None:
        """The entry the form describes, as model fields; None once `show_error` has said
        why the form cannot be read (the model checks everything else)."""
        raise NotImplementedError

    def fill(self, entity: E) -> None:
        """Load an existing entry into the form for editing."""
        raise NotImplementedError

    def blank(self) -> None:
        """Empty the form after an entry was added (keep choices worth keeping)."""
        raise NotImplementedError

    def listing(self, workshop: Workshop) -> str:
        """HTML showing everyone's entries (escaped)."""
        raise NotImplementedError

    def choices(self, workshop: Workshop) -> None:
        """Refresh the form's own dropdowns from the workshop (stages, touchpoints ...)."""

    def edit_buttons(self) -> list[w.Widget]:
        """More buttons acting on the entry picked under "Edit" (move a stage ...)."""
        return []

    def extra(self) -> list[w.Widget]:
        """Controls shown under the list (charts, comparisons)."""
        return []

    def entries(self, workshop: Workshop) -> list[E]:
        entries: list[E] = getattr(workshop, self.collection)
        return list(entries)

    def editable(self, workshop: Workshop) -> list[E]:
        """Entries this seat may change: all for the facilitator, their own otherwise."""
        return [e for e in self.entries(workshop)
                if self.editor.is_facilitator or e.created_by == self.editor.author]

    def entry_label(self, entity: E) -> str:
        return label_of(entity)

    # -- the shared form ------------------------------------------------------------

    def build(self) -> list[w.Widget]:
        self.add = w.Button(description=self.new_words(N_("Add {noun}")), icon="plus",
                            button_style="primary").add_class("cx-add")
        self.save_changes = w.Button(description=_("Save changes"), icon="check", disabled=True
                                     ).add_class("cx-save")
        self.mine = w.Dropdown(description=_("Edit"),
                               options=[(self.new_words(N_("(new {noun})")), NEW)],
                               layout=w.Layout(width="24em")).add_class("cx-mine")
        self.remove = w.Button(description=_("Remove"), icon="trash", disabled=True
                               ).add_class("cx-remove")
        self.undo = w.Button(description=_("Undo my last change"), icon="undo"
                             ).add_class("cx-undo")
        self.listing_html = w.HTML().add_class("cx-list")
        self.edit_hint = w.HTML().add_class("cx-hint")
        self.add.on_click(self._on_add)
        self.save_changes.on_click(self._on_save)
        self.remove.on_click(self._on_remove)
        self.undo.on_click(lambda _: self.save(self.editor.undo))
        self.mine.observe(self._on_pick, "value")
        row = w.Layout(flex_flow="row wrap")
        self.to_fix: w.Widget | None = None
        self.form_fields = self.fields()
        return [
            *self.form_fields,
            w.HBox([self.add, self.save_changes], layout=row),
            self.notice,  # right under "Add": where the eye is when a refusal comes
            w.HBox([self.mine, self.remove, *self.edit_buttons(), self.undo], layout=row
                   ).add_class("cx-edit-row"),
            self.edit_hint,
            self.listing_html,
            *self.extra(),
        ]

    def render(self, workshop: Workshop) -> None:
        self.choices(workshop)
        own = self.editable(workshop)
        set_options(self.mine, [(self.new_words(N_("(new {noun})")), NEW)]
                    + [(self.entry_label(e), e.id) for e in own])
        self._editing_now(self.mine.value != NEW)
        self.listing_html.value = self.listing(workshop)

    def _editing_now(self, editing: bool) -> None:
        """Buttons for adding or for changing, never both; a disabled one says why."""
        pick = _("Pick one of your entries under 'Edit' first")
        allow(self.remove, editing, pick)
        allow(self.save_changes, editing, pick)
        allow(self.add, not editing, _("You are changing an entry: pick '{new}' under 'Edit' "
                                       "to add another").format(
                                           new=self.new_words(N_("(new {noun})"))))
        self.edit_hint.value = "" if editing or len(self.mine.options) < 2 else (
            "<p class='cx-hint'>{}</p>".format(
                _("To change or remove one of your entries, pick it under 'Edit'.")))

    def new_words(self, pattern: str) -> str:
        """`pattern` (a msgid naming {noun} or {Noun}) in the language spoken, with the
        kind's word: "Add touchpoint", "Kontaktpunkt hinzufügen"."""
        noun = ngettext(type(self).kind.one, type(self).kind.many, 1)
        return _(pattern).format(noun=noun, Noun=noun[:1].upper() + noun[1:])

    def editing(self) -> E | None:
        """The entry loaded for editing, if any."""
        if self.mine.value == NEW:
            return None
        return next((e for e in self.entries(self.live.workshop) if e.id == self.mine.value),
                    None)

    # -- reactions ------------------------------------------------------------------

    def _on_pick(self, change: dict[str, Any]) -> None:
        if self._syncing:
            return
        entity = self.editing()
        with self.syncing():
            if entity is None:
                self.blank()
            else:
                self.fill(entity)
        self._editing_now(entity is not None)

    def _on_add(self, _button: w.Button) -> None:
        self.to_fix = None
        values = self.values()
        if values is None:
            self.focus_on_fix()
            return
        if self.save(self.editor.add, self.collection, values):
            with self.syncing():
                self.blank()
        elif self.live.status == ERROR:
            self.focus_on_fix()

    def focus_on_fix(self) -> None:
        """After a refused Add, put the keyboard's focus on the field to fix: the one
        `values` named (`to_fix`), else the first field left empty, else the first."""
        fields = list(_controls(self.form_fields))
        blank = [f for f in fields if isinstance(f, (w.Text, w.Textarea))
                 and not str(f.value).strip()]
        target = getattr(self, "to_fix", None) or (blank or fields or [None])[0]
        if target is not None and hasattr(target, "focus"):
            target.focus()

    def _on_save(self, _button: w.Button) -> None:
        entity = self.editing()
        values = self.values()
        if entity is None or values is None:
            return
        if self.save(self.editor.update, self.collection, entity.id, **values) is not None:
            self.show_done(self.new_words(N_("{Noun} updated.")))

    def _on_remove(self, _button: w.Button) -> None:
        entity = self.editing()
        if entity is None:
            return
        if self.save(self.editor.remove, self.collection, entity.id) is not None:
            self.mine.value = NEW
            self.show_done(_("Removed. 'Undo my last change' brings it back."))


def _controls(widgets: Iterable[w.Widget]) -> Iterator[w.Widget]:
    """The form's input controls, depth first, in the order they are on screen."""
    for widget in widgets:
        if isinstance(widget, w.Box):
            yield from _controls(widget.children)
        elif isinstance(widget, (w.Text, w.Textarea, w.Dropdown, w.Combobox, w.DatePicker,
                                 w.SelectMultiple, w.IntText, w.BoundedIntText)):
            yield widget
