import datetime

import factory

from delegations.choices import DelegationStatus, Direction
from delegations.models import Delegation, DelegationCountry
from tests.accounts.factories import DepartmentFactory


class DelegationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Delegation

    direction = Direction.INBOUND
    title = factory.Sequence(lambda n: f"Đoàn công tác số {n}")
    department = factory.SubFactory(DepartmentFactory)
    leader_name = "Bun-thoong Chít-ma-ny"
    leader_position = "Phó Bí thư Tỉnh ủy"
    member_count = 10
    start_date = datetime.date(2018, 3, 1)
    end_date = datetime.date(2018, 3, 4)
    status = DelegationStatus.COMPLETED
    # The database refuses a cancelled delegation without its reason.
    cancellation_reason = factory.LazyAttribute(
        lambda d: "Đối tác đề nghị hoãn chuyến thăm" if d.status == DelegationStatus.CANCELLED else ""
    )


class DelegationCountryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DelegationCountry

    delegation = factory.SubFactory(DelegationFactory)
    country = "LA"
    locality = "tỉnh Luông Pha Băng"
