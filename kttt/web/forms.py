"""How every form of the site is rendered: inputs point at their help, error and extra descriptions."""

from __future__ import annotations

from django.forms import BoundField
from django.forms.renderers import DjangoTemplates


class DescribedBoundField(BoundField):
    """Points an input at the help and error paragraphs that web/field.html writes (ids …_help, …_error),
    and at any extra description the form names in `described_by`, such as last year's value."""

    @property
    def aria_describedby(self) -> str | None:
        if self.field.widget.attrs.get("aria-describedby"):
            return None
        if not self.auto_id or self.is_hidden:
            return ""
        ids = [f"{self.auto_id}_help"] if self.help_text else []
        ids += [f"{self.auto_id}_error"] if self.errors else []
        ids += getattr(self.form, "described_by", {}).get(self.name, [])
        return " ".join(ids)


class Renderer(DjangoTemplates):
    """The site's form renderer (settings.FORM_RENDERER): Django's templates, our bound fields."""

    bound_field_class = DescribedBoundField
