"""The lobby's bookkeeping, with a clock the tests move: places, turns, one kernel per
ticket, and kernels given back when nobody comes for them."""

from __future__ import annotations

import pytest

from cxwidgets.server.lobby import FIRST_GUESS_S, Lobby, LobbyFull, Stage
from cxwidgets.testing import StoppedClock

KEY = "participant.ipynb?code=K7Q2MZ"




@pytest.fixture
def clock() -> StoppedClock:
    return StoppedClock()


@pytest.fixture
def lobby(clock: StoppedClock) -> Lobby:
    return Lobby(capacity=2, clock=clock)


def arrive(lobby: Lobby, n: int, address: str = "10.0.0.1") -> list:
    return [lobby.enter(KEY, "participant.ipynb", f"{address}{k}") for k in range(n)]


def test_arrivals_beyond_capacity_wait_in_order_and_are_told_their_place(lobby):
    tickets = arrive(lobby, 5)
    assert [t.stage for t in tickets] == [Stage.ADMITTED] * 2 + [Stage.QUEUED] * 3
    assert [lobby.position(t) for t in tickets] == [None, None, 1, 2, 3]
    # estimates grow with the place in line (two openings at a time)
    estimates = [lobby.estimate(t) for t in tickets[2:]]
    assert estimates == sorted(estimates) and estimates[0] >= FIRST_GUESS_S


def test_a_turn_passes_when_a_page_is_opened_not_before(lobby, clock):
    first, _second, third = arrive(lobby, 3)
    lobby.opening(first)
    assert third.stage is Stage.QUEUED
    clock.advance(3.0)
    lobby.bind(first, "k1")
    lobby.opened(first, "<html>page voila_finish</html>")
    assert third.stage is Stage.ADMITTED
    # the estimate now comes from what the opening took
    fourth = lobby.enter(KEY, "participant.ipynb", "10.0.0.9")
    assert lobby.estimate(fourth) == pytest.approx(2 * 3.0)


def test_an_admitted_page_that_never_comes_gives_its_place_up_but_keeps_its_admission(
        lobby, clock):
    first, _second, third = arrive(lobby, 3)
    clock.advance(lobby.admitted_for + 1)
    lobby.admit()
    assert third.stage is Stage.ADMITTED
    assert lobby.may_open(first)


def test_the_facilitator_goes_first(lobby):
    arrive(lobby, 4)
    key = "facilitator.ipynb?token=t&workshop=w"
    # the participants' openings are all taken: the facilitator's page opens all the same
    first = lobby.enter(key, "facilitator.ipynb", "10.0.0.5", priority=True)
    assert first.stage is Stage.ADMITTED
    lobby.enter(key, "facilitator.ipynb", "10.0.0.6", priority=True)
    # with the facilitator's openings taken too, the next facilitator's page is first in line
    third = lobby.enter(key, "facilitator.ipynb", "10.0.0.7", priority=True)
    assert lobby.position(third) == 1


def test_a_ticket_held_again_is_the_same_ticket_and_keeps_its_place(lobby):
    tickets = arrive(lobby, 4)
    again = lobby.enter(KEY, "participant.ipynb", "10.0.0.13", ticket_id=tickets[3].id)
    assert again is tickets[3] and lobby.position(again) == 2
    # a ticket for another page is not that page's ticket
    other = lobby.enter("participant.ipynb?code=OTHER1", "participant.ipynb", "10.0.0.13",
                        ticket_id=tickets[3].id)
    assert other is not tickets[3]


def test_one_kernel_per_ticket_served_again_as_long_as_it_lives(lobby):
    ticket = arrive(lobby, 1)[0]
    lobby.opening(ticket)
    lobby.bind(ticket, "k1")
    lobby.opened(ticket, "<html>voila_finish</html>")
    assert lobby.reusable(ticket)
    for _ in range(20):
        lobby.reopened(ticket)
    assert lobby.stats().renders == 1 and lobby.stats().reopens == 20
    # the kernel ends: asking again, the ticket is first in line for a new one
    later = arrive(lobby, 3, "10.1.0.")
    lobby.kernel_gone("k1")
    assert ticket.kernel_id is None and not lobby.reusable(ticket)
    assert ticket.stage is Stage.ENDED and not lobby.may_open(ticket)
    lobby.enter(KEY, "participant.ipynb", "10.0.0.1", ticket_id=ticket.id)
    assert lobby.position(ticket) == 1
    assert all(lobby.position(t) != 1 for t in later)


def test_an_incomplete_page_is_not_served_again(lobby):
    ticket = arrive(lobby, 1)[0]
    lobby.opening(ticket)
    lobby.bind(ticket, "k1")
    lobby.opened(ticket, None)
    assert not lobby.reusable(ticket) and lobby.may_open(ticket)


def opened(lobby: Lobby, kernel: str):
    ticket = lobby.enter(KEY, "participant.ipynb", kernel)
    lobby.opening(ticket)
    lobby.bind(ticket, kernel)
    lobby.opened(ticket, "voila_finish")
    return ticket


def test_a_page_that_said_goodbye_keeps_its_kernel_a_little_for_a_reload(lobby, clock):
    opened(lobby, "k1")
    lobby.connected("k1")
    lobby.disconnected("k1")
    lobby.said_goodbye("k1")
    clock.advance(lobby.return_within - 1)
    assert lobby.reclaimable() == []
    lobby.connected("k1")  # the reload came back in time
    clock.advance(lobby.return_within + 1)
    assert lobby.reclaimable() == []
    lobby.disconnected("k1")
    lobby.said_goodbye("k1")
    clock.advance(lobby.return_within + 1)
    assert lobby.reclaimable() == ["k1"]


def test_a_page_that_never_connects_gives_its_kernel_back_unless_it_says_it_is_loading(
        lobby, clock):
    slow = opened(lobby, "slow")
    opened(lobby, "never")
    for _ in range(5):  # a slow device, still loading, says so every 10 s
        clock.advance(10)
        lobby.alive(slow)
    clock.advance(lobby.first_connect_within - 49)
    assert lobby.reclaimable() == ["never"]


def test_a_page_that_vanished_without_a_word_is_left_to_the_page_gone_rule(lobby, clock):
    opened(lobby, "k1")
    lobby.connected("k1")
    lobby.disconnected("k1")
    clock.advance(lobby.return_within * 10)
    assert lobby.reclaimable() == []


def test_places_of_pages_closed_while_waiting_are_forgotten(lobby, clock):
    tickets = arrive(lobby, 4)
    for ticket in tickets[:2]:  # two pages being opened hold both places
        lobby.opening(ticket)
    clock.advance(lobby.forget_waiting_after - 5)
    lobby.alive(tickets[3])  # still asking
    clock.advance(10)
    assert lobby.expire() == 1
    assert lobby.find(tickets[2].id) is None and lobby.position(tickets[3]) == 1


def test_one_address_cannot_take_endless_places(clock):
    lobby = Lobby(capacity=2, clock=clock, new_per_address=3, new_window=10)
    for _ in range(3):
        lobby.enter(KEY, "participant.ipynb", "10.9.9.9")
    with pytest.raises(LobbyFull, match="3 pages were opened from one address"):
        lobby.enter(KEY, "participant.ipynb", "10.9.9.9")
    lobby.enter(KEY, "participant.ipynb", "10.9.9.10")  # another address is let in
    clock.advance(11)
    lobby.enter(KEY, "participant.ipynb", "10.9.9.9")
    assert lobby.stats().refused == 1


def test_the_line_has_an_end(clock):
    lobby = Lobby(capacity=1, clock=clock, max_waiting=3)
    arrive(lobby, 4)
    with pytest.raises(LobbyFull, match="already waiting"):
        lobby.enter(KEY, "participant.ipynb", "10.2.2.2")


def test_a_failed_opening_says_why_and_try_again_queues_it_again(lobby):
    ticket = arrive(lobby, 1)[0]
    lobby.opening(ticket)
    lobby.failed(ticket, "The server could not open this page (no kernel).")
    assert lobby.status(ticket)["failure"].startswith("The server could not")
    again = lobby.enter(KEY, "participant.ipynb", "10.0.0.10", ticket_id=ticket.id)
    assert again is ticket and ticket.stage is Stage.ADMITTED and not ticket.failure


def test_every_change_is_announced(clock):
    calls = []
    lobby = Lobby(capacity=1, clock=clock, on_change=lambda: calls.append(1))
    version = lobby.version
    arrive(lobby, 2)
    assert lobby.version > version and len(calls) == lobby.version


def test_kernels_kept_warm_let_as_many_pages_open_at_once(clock):
    """Handing out a warm kernel costs next to nothing: a room kept warm opens at once;
    only pages that need a kernel started wait for the `capacity` of such openings."""
    warm = {"participant.ipynb": 3}
    lobby = Lobby(capacity=1, clock=clock, warm=lambda app: warm.get(app, 0))
    tickets = arrive(lobby, 6)
    assert [t.stage for t in tickets] == [Stage.ADMITTED] * 4 + [Stage.QUEUED] * 2
    # the estimate counts the openings that go side by side
    assert lobby.estimate(tickets[5]) == FIRST_GUESS_S * 2
    # another app's pages are not let in on the participants' warm kernels
    other = lobby.enter("validate.ipynb?round=R", "validate.ipynb", "10.3.3.3")
    assert other.stage is Stage.QUEUED
