import datetime

import factory

from reports.models import CompiledReport


class CompiledReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CompiledReport

    title = "Báo cáo kết quả công tác đối ngoại"
    date_from = datetime.date(2018, 1, 1)
    date_to = datetime.date(2018, 4, 30)
