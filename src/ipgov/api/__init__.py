"""The REST API (django-ninja): public open data without a key, the staff API with per-user tokens."""
