from django.urls import path

from .views import ApplyMasksView, FindingsView

urlpatterns = [
    path("entries/<int:page_id>/personal-data/", FindingsView.as_view(), name="findings"),
    path("entries/<int:page_id>/personal-data/mask/", ApplyMasksView.as_view(), name="apply_masks"),
]
