"""The login backend of staff accounts: Django's ModelBackend, whose user comes with its staff profile and
the profile's region in the same query (every staff page asks for the scope and shows the region)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class StaffBackend(ModelBackend):
    def get_user(self, user_id):
        model = get_user_model()
        try:
            user = model._default_manager.select_related("staff_profile__region").get(pk=user_id)
        except model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
