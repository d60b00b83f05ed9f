from captcha.fields import CaptchaField
from django import forms
from django.utils.translation import gettext_lazy as _

from ipgov.cases.choices import RequesterType, RightType
from ipgov.portal.choices import Column
from ipgov.portal.services import COMMENT_MAX, NICKNAME_MAX
from ipgov.portal.services.requests import PREEXAM_CENTERS


class CommentForm(forms.Form):
    nickname = forms.CharField(label=_("Nickname"), max_length=NICKNAME_MAX)
    body = forms.CharField(label=_("Comment"), max_length=COMMENT_MAX, widget=forms.Textarea(attrs={"rows": 4}))
    # Honeypot: hidden from people by the stylesheet; a bot that fills every field is refused.
    website = forms.CharField(label=_("Leave this field empty"), required=False)
    captcha = CaptchaField(label=_("Verification code"))


class ArticleForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    column = forms.ChoiceField(label=_("Column"), choices=Column.choices)
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    byline = forms.CharField(label=_("Source / byline"), max_length=200, required=False)
    tags = forms.CharField(label=_("Tags (comma separated)"), required=False)
    body = forms.CharField(label=_("Body"), widget=forms.Textarea(attrs={"rows": 16}),
                           help_text=_("HTML paragraphs; {{ cell patent_applications 410000 2020H1 }} inserts "
                                       "the cube's figure"))
    image = forms.FileField(label=_("Add an image"), required=False)
    caption = forms.CharField(label=_("Its caption"), max_length=200, required=False)
    attachment = forms.FileField(label=_("Add an attachment"), required=False)


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300)


def _regions(with_province=True):
    from ipgov.regions.services import city_level_units

    units = [(u.code, u.name) for u in city_level_units("410000")]
    return ([("410000", _("Henan province (provincial center)"))] if with_province else []) + units


class _Visitor(forms.Form):
    website = forms.CharField(label=_("Leave this field empty"), required=False)  # honeypot
    captcha = CaptchaField(label=_("Verification code"))


class AssistanceForm(_Visitor):
    name = forms.CharField(label=_("Your name or your enterprise's name"), max_length=100)
    requester_type = forms.ChoiceField(label=_("You ask as"), choices=RequesterType.choices)
    phone = forms.CharField(label=_("Phone"), max_length=20)
    region = forms.ChoiceField(label=_("Region"), choices=())
    right_type = forms.ChoiceField(label=_("Right"), choices=[(RightType.PATENT, RightType.PATENT.label),
                                                              (RightType.TRADEMARK, RightType.TRADEMARK.label)])
    right_number = forms.CharField(label=_("Patent or trademark number (if any)"), max_length=30, required=False)
    description = forms.CharField(label=_("What do you need?"), max_length=1000, widget=forms.Textarea(attrs={"rows": 5}))
    document = forms.FileField(label=_("Document (PDF, OFD, DOCX, JPG, PNG; optional)"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = _regions()
        self.order_fields([f for f in self.fields if f not in ("website", "captcha")] + ["website", "captcha"])


class ReportForm(_Visitor):
    name = forms.CharField(label=_("Your name"), max_length=100)
    phone = forms.CharField(label=_("Phone"), max_length=20)
    region = forms.ChoiceField(label=_("City where it happens"), choices=())
    right_type = forms.ChoiceField(label=_("Right"), choices=[(RightType.PATENT, RightType.PATENT.label),
                                                              (RightType.TRADEMARK, RightType.TRADEMARK.label)])
    respondent = forms.CharField(label=_("Whom you report (enterprise, shop or person)"), max_length=200)
    description = forms.CharField(label=_("What happened?"), max_length=1000, widget=forms.Textarea(attrs={"rows": 5}))
    document = forms.FileField(label=_("Evidence (PDF, OFD, DOCX, JPG, PNG; optional)"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = _regions(with_province=False)
        self.order_fields([f for f in self.fields if f not in ("website", "captcha")] + ["website", "captcha"])


class RegistrationForm(_Visitor):
    enterprise = forms.CharField(label=_("Enterprise name"), max_length=200)
    credit_code = forms.CharField(label=_("Unified social credit code"), max_length=18)
    phone = forms.CharField(label=_("Phone"), max_length=20)
    center = forms.ChoiceField(label=_("Protection center"), choices=[(c, c) for c in PREEXAM_CENTERS])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields([f for f in self.fields if f not in ("website", "captcha")] + ["website", "captcha"])


class StatusForm(forms.Form):
    number = forms.CharField(label=_("Tracking number"), max_length=24)
    phone = forms.CharField(label=_("Phone given when filing"), max_length=20)


class PolicyForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    issuer = forms.CharField(label=_("Issuer"), max_length=200, required=False)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 16}))
    note = forms.CharField(label=_("What changed"), max_length=300, required=False)


class PolicyAttachmentForm(forms.Form):
    file = forms.FileField(label=_("Add an attachment"), help_text=_("PDF, OFD, DOCX, XLSX, JPG, PNG or TXT"))


class PolicyStepForm(forms.Form):
    consultation_ends = forms.DateField(label=_("Consultation ends"), required=False,
                                        widget=forms.DateInput(attrs={"type": "date"}))
    doc_number = forms.CharField(label=_("Document number (文号)"), max_length=60, required=False)
    issued_on = forms.DateField(label=_("Issued on"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    effective_on = forms.DateField(label=_("In force from"), required=False,
                                   widget=forms.DateInput(attrs={"type": "date"}))
    replaced_by = forms.IntegerField(label=_("Replaced by (document id)"), required=False)
    reason = forms.CharField(label=_("Note"), max_length=300, required=False)
