from django.db import models
from django.utils.translation import gettext_lazy as _


class DemoLoad(models.Model):
    """That a demo province was loaded into this database: `run` loads the demo only where none was."""

    province = models.SlugField(_("province"), max_length=30, unique=True)
    loaded_at = models.DateTimeField(_("loaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("demo load")
        verbose_name_plural = _("demo loads")

    def __str__(self):
        return self.province
