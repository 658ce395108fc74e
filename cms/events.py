"""Signals for changes that Django's model signals do not announce (a write through ``QuerySet.update``).

Receivers that keep copies of what the public sees listen to them as to ``post_save``: the portal's kept
pages (portal.signals) and the API's kept rows and units (graphql_api.core.kept).
"""

from django.dispatch import Signal

# A catalogue row was retired (CatalogueItemPage.retire): sender is the row's class, ``instance`` the row.
catalogue_row_retired = Signal()
