"""Addresses of a round's results, exports and the district report (issue 6)."""

urlpatterns = []
