"""Delegation rules hold in the database itself."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from delegations.models import Delegation
from tests.delegations.factories import DelegationCountryFactory, DelegationFactory

pytestmark = pytest.mark.django_db


def test_delegation_ending_before_it_starts_is_refused():
    with pytest.raises(IntegrityError), transaction.atomic():
        DelegationFactory(start_date=datetime.date(2018, 3, 5), end_date=datetime.date(2018, 3, 4))
    assert not Delegation.objects.exists()


@pytest.mark.parametrize("persons", [0])
def test_delegation_with_fewer_than_one_person_is_refused(persons):
    with pytest.raises(IntegrityError), transaction.atomic():
        DelegationFactory(member_count=persons)
    assert not Delegation.objects.exists()


def test_delegation_negative_cost_is_refused():
    with pytest.raises(IntegrityError), transaction.atomic():
        DelegationFactory(cost_vnd=-1)


def test_delegation_lists_a_country_once():
    country = DelegationCountryFactory(country="LA")

    with pytest.raises(IntegrityError), transaction.atomic():
        DelegationCountryFactory(delegation=country.delegation, country="LA")


def test_delegation_references_are_unique():
    first = DelegationFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        DelegationFactory(reference=first.reference)
