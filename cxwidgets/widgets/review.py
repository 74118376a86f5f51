"""Step 11, Review together: comments on any map element, accuracy votes, decisions.

Anyone can comment on an element of the map and propose new wording for it, and say
whether the element is accurate. The facilitator accepts or rejects each comment;
accepting applies the proposed wording. Comments, votes and decisions are all events, so
the review log and the map's history keep everything, rejected proposals included.
"""

from __future__ import annotations

import ipywidgets as w

from cxwidgets.language import _
from cxwidgets.method import checks
from cxwidgets.method import views as J
from cxwidgets.method import words as L
from cxwidgets.method.kinds import speaker
from cxwidgets.method.model import CommentStatus, Vote, VoteKind, Workshop
from cxwidgets.widgets.base import StepWidget, allow, author_html, esc, set_options, table
from cxwidgets.widgets.choices import element_choices
from cxwidgets.widgets.fields import Text
from cxwidgets.widgets.registry import register

#: An element with at least this share of "not accurate" votes is flagged.


@register
class Review(StepWidget):
    """Step 11: comment, propose corrections, vote on accuracy; the facilitator decides."""

    step_key = "review"

    def build(self) -> list[w.Widget]:
        wide = w.Layout(width="100%", max_width="40em")
        self.element = w.Dropdown(description=_("Element"), options=[], layout=w.Layout(
            width="34em")).add_class("cx-element")
        self.text = Text(description=_("Comment"), layout=wide,
                           placeholder=_("What is wrong, missing or unclear?")
                           ).add_class("cx-comment")
        self.proposed = Text(description=_("Better wording"), layout=wide,
                               placeholder=_("Optional: how it should read instead")
                               ).add_class("cx-proposed")
        self.post = w.Button(description=_("Add comment"), icon="comment", button_style="primary"
                             ).add_class("cx-add-comment")
        self.accurate = w.Button(description=_("Accurate"), icon="thumbs-up"
                                 ).add_class("cx-accurate")
        self.inaccurate = w.Button(description=_("Not accurate"), icon="thumbs-down"
                                   ).add_class("cx-inaccurate")
        self.my_vote = w.HTML().add_class("cx-my-vote")
        self.pending = w.Dropdown(description=_("Decide"), options=[], layout=w.Layout(width="34em")
                               ).add_class("cx-open-comments")
        self.accept = w.Button(description=_("Accept"), icon="check", button_style="success"
                               ).add_class("cx-accept")
        self.reject = w.Button(description=_("Reject"), icon="times").add_class("cx-reject")
        self.undo = w.Button(description=_("Undo my last change"), icon="undo").add_class("cx-undo")
        self.review_log = w.HTML().add_class("cx-review-log")
        self.votes = w.HTML().add_class("cx-accuracy")
        self.post.on_click(self._on_post)
        self.accurate.on_click(lambda _: self._vote(1))
        self.inaccurate.on_click(lambda _: self._vote(-1))
        self.accept.on_click(lambda _: self._decide(True))
        self.reject.on_click(lambda _: self._decide(False))
        self.undo.on_click(lambda _: self.save(self.editor.undo))
        self.element.observe(lambda _: self._show_my_vote(), "value")
        decide = w.HBox([self.pending, self.accept, self.reject],
                        layout=w.Layout(flex_flow="row wrap")).add_class("cx-decide")
        decide.layout.display = "" if self.editor.is_facilitator else "none"
        self.decide_notice = self.notice_line()
        return [self.element, self.text, self.proposed,
                w.HBox([self.post, self.accurate, self.inaccurate, self.undo],
                       layout=w.Layout(flex_flow="row wrap")), self.notice, self.my_vote,
                w.HTML("<h4>" + esc(_("Review log")) + "</h4>"), decide, self.decide_notice,
                self.review_log, w.HTML("<h4>" + esc(_("How accurate is the map?")) + "</h4>"),
                self.votes]

    def render(self, workshop: Workshop) -> None:
        set_options(self.element, element_choices(workshop))
        index = J.element_index(workshop)
        removed = _("(removed)")
        set_options(self.pending, [
            (f"{index[c.target_id].title if c.target_id in index else removed} · "
             f"{c.text}", c.id) for c in workshop.comments if c.status == CommentStatus.open])
        why = _("No comment is waiting for a decision")
        allow(self.accept, bool(self.pending.options), why)
        allow(self.reject, bool(self.pending.options), why)
        self.review_log.value = review_log(workshop)
        self.votes.value = accuracy_table(workshop)
        self._show_my_vote()

    def _mine(self) -> Vote | None:
        return next((v for v in self.live.workshop.votes if v.kind == VoteKind.accuracy
                     and v.target_id == self.element.value
                     and speaker("votes", v) == self.editor.author), None)

    def _show_my_vote(self) -> None:
        vote = self._mine()
        self.my_vote.value = "" if vote is None else "<p class='cx-small'>{}</p>".format(esc(
            _("Your vote on this element: accurate.") if vote.value > 0
            else _("Your vote on this element: not accurate.")))

    def _on_post(self, _button: w.Button) -> None:
        if not self.element.value:
            self.show_error(_("Pick the element your comment is about."))
            return
        added = self.save(self.editor.add, "comments", {
            "target_id": self.element.value, "text": self.text.value,
            "proposed": self.proposed.value})
        if added:
            self.text.value = self.proposed.value = ""

    def _vote(self, value: int) -> None:
        if not self.element.value:
            self.show_error(_("Pick the element you are judging."))
            return
        mine = self._mine()
        if mine is None:
            self.save(self.editor.add, "votes", {"target_id": self.element.value,
                                                 "kind": "accuracy", "value": value})
        elif mine.value != value:
            self.save(self.editor.update, "votes", mine.id, value=value)

    def _decide(self, accept: bool) -> None:
        if not self.pending.value:
            self.show_error(_("There is no open comment to decide on."), self.decide_notice)
            return
        if self.save(self.editor.decide, self.pending.value, accept, at=self.decide_notice):
            self.show_done(_("Accepted: the change is on the map.") if accept else _("Rejected."),
                           self.decide_notice)


def review_log(workshop: Workshop) -> str:
    if not workshop.comments:
        return "<p><i>{}</i></p>".format(esc(_("No comments yet.")))
    index = J.element_index(workshop)
    rows = []
    for c in workshop.comments:
        target = index[c.target_id].title if c.target_id in index else _("(removed element)")
        rows.append([esc(target), esc(c.text), esc(c.proposed or "-"),
                     author_html(workshop, c.created_by),
                     f"<span class='cx-status-{c.status.value}'>{L.word(c.status)}</span>"])
    counts = {s: sum(c.status == s for c in workshop.comments) for s in CommentStatus}
    head = esc(" · ".join(f"{n} {L.word(s).lower()}" for s, n in counts.items()))
    return f"<p>{head}</p>" + table([_("Element"), _("Comment"), _("Proposed wording"), _("By"),
                                     _("Decision")], rows)


def accuracy_table(workshop: Workshop) -> str:
    tallies = checks.accuracy(workshop)
    if not tallies:
        return "<p><i>{}</i></p>".format(esc(_("No accuracy votes yet.")))
    rows = [[esc(a.title), str(a.accurate), str(a.not_accurate),
             "<span class='cx-warn'>{}</span>".format(esc(_("doubtful: check it")))
             if a.doubtful else ""]
            for a in tallies]
    return table([_("Element"), _("Accurate"), _("Not accurate"), ""], rows)
