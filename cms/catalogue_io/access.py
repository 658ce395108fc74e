"""Who may import into, export and start catalogues (Wagtail page permissions on the catalogue page).

Importing and applying a template add, revise and publish rows, so they are for those who keep the
catalogue's rows (``cms.models.pages.may_keep_rows``): ``add``, ``change`` and ``publish`` on the
catalogue (the unit's approvers, the parent unit's approvers, administrators). Exporting needs any of
``add``, ``change``, ``publish``.
"""

from wagtail.permission_policies.pages import PagePermissionPolicy

from ..models import CataloguePage

IMPORT_ACTIONS = ("add", "change", "publish")
EXPORT_ACTIONS = ("add", "change", "publish")


def importable_catalogues(user):
    """Catalogues whose rows the user keeps: every action of IMPORT_ACTIONS (superusers: all)."""
    policy = PagePermissionPolicy()
    catalogues = CataloguePage.objects.all()
    for action in IMPORT_ACTIONS:
        catalogues = catalogues.filter(pk__in=policy.instances_user_has_permission_for(user, action).values("pk"))
    return catalogues.select_related("organisation").order_by("organisation__path", "domain")


def exportable_catalogues(user):
    pages = PagePermissionPolicy().instances_user_has_any_permission_for(user, EXPORT_ACTIONS)
    return (CataloguePage.objects.filter(pk__in=pages.values("pk")).select_related("organisation")
            .order_by("organisation__path", "domain"))


def may_publish(user, catalogue: CataloguePage) -> bool:
    return catalogue.permissions_for_user(user).can_publish_subpage()
