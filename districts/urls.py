from django.urls import path

from districts import views

app_name = "districts"

urlpatterns = [
    path("<int:pk>/", views.DistrictDetailView.as_view(), name="detail"),
]
