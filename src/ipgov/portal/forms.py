from captcha.fields import CaptchaField
from django import forms
from django.utils.translation import gettext_lazy as _

from ipgov.portal.choices import Column
from ipgov.portal.services import COMMENT_MAX, NICKNAME_MAX


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
