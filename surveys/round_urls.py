"""Addresses of survey rounds: recipients, sending, reminders, unsubscribing (issue 6)."""

urlpatterns = []
