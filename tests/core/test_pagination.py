"""The capped paginator counts at most what its pages reach; the heartbeat beats while a job runs."""

import threading

import pytest
from django.core.paginator import EmptyPage, PageNotAnInteger

from core.heartbeat import heartbeat
from core.pagination import CappedPaginator


def test_capped_paginator_reaches_at_most_its_pages():
    paginator = CappedPaginator(list(range(100)), 10, max_pages=3)

    assert (paginator.count, paginator.num_pages, paginator.capped) == (30, 3, True)
    assert list(paginator.page(3)) == list(range(20, 30))
    assert paginator.page(99).number == 3


def test_capped_paginator_below_the_cap_is_a_paginator():
    paginator = CappedPaginator(list(range(25)), 10, max_pages=3)

    assert (paginator.count, paginator.num_pages, paginator.capped) == (25, 3, False)
    with pytest.raises(EmptyPage):
        paginator.page(4)
    with pytest.raises(PageNotAnInteger):
        paginator.page("x")


def test_heartbeat_beats_while_the_block_runs_and_stops_after():
    beats = []
    enough = threading.Event()

    def beat():
        beats.append(1)
        if len(beats) >= 2:
            enough.set()

    with heartbeat(beat, seconds=0.01, name="test"):
        assert enough.wait(5)
    counted = len(beats)
    threading.Event().wait(0.05)

    assert len(beats) == counted
