"""Provisioning a unit: its section of the page tree, one catalogue per domain, its four groups (five for a
village: its 村务监督委员会), their permissions (own catalogues only; a parent unit's approvers also act on
their children's) and its default workflow (cms.moderation.procedure)."""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page, Site


from .models import CataloguePage, Domain, Organisation, OrganisationLevel, PortalHomePage, Role, UnitPage
from .models.organisations import VillageRole
from .moderation.procedure import ensure_workflow

# Page permissions of each role on its own unit's catalogues (the procedure of domain.md §5).
OWN_PAGE_PERMISSIONS = {
    Role.EDITOR: ("add", "change"),
    Role.REVIEWER: ("change",),
    Role.SECRECY_REVIEWER: ("change",),
    Role.APPROVER: ("add", "change", "publish", "lock", "unlock"),
}
# A parent unit's approvers on a child unit's catalogues.
PARENT_APPROVER_PAGE_PERMISSIONS = ("change", "publish", "lock", "unlock")
COLLECTION_PERMISSIONS = (
    "wagtaildocs.add_document", "wagtaildocs.change_document", "wagtaildocs.choose_document",
    "wagtailimages.add_image", "wagtailimages.change_image", "wagtailimages.choose_image",
)
ROLE_FIELDS = {
    Role.EDITOR: "editors",
    Role.REVIEWER: "reviewers",
    Role.SECRECY_REVIEWER: "secrecy_reviewers",
    Role.APPROVER: "approvers",
}
# Groups only some levels get.
LEVEL_ROLE_FIELDS = {
    OrganisationLevel.VILLAGE: {VillageRole.SUPERVISOR: "supervisors"},
}


def platform_name() -> str:
    """The platform's name (``WAGTAIL_SITE_NAME``) in the installation's language: the name the admin
    shows for the default site (its dashboard says "localhost" otherwise)."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(settings.WAGTAIL_SITE_NAME)


def portal_home() -> PortalHomePage:
    """The portal's home page, made the default site's root on first use."""
    home = PortalHomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        with translation.override(settings.LANGUAGE_CODE):
            home = root.add_child(instance=PortalHomePage(title=_("Open Disclosure Portal"), slug="portal"))
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True,
                                site_name=platform_name())
        else:
            old_root = site.root_page
            site.root_page = home
            site.site_name = site.site_name or platform_name()
            site.save()
            if old_root.depth == 2 and old_root.specific_class is Page and not old_root.get_children().exists():
                old_root.delete()  # Wagtail's "Welcome" page
    return home


@transaction.atomic
def create_organisation(parent: Organisation | None = None, **fields) -> Organisation:
    """Create a unit with its section, catalogues, groups and permissions; validates the tree rules."""
    organisation = Organisation(**fields)
    organisation.clean_parent(parent)
    organisation.full_clean(exclude=["path", "depth", "numchild"])
    organisation = parent.add_child(instance=organisation) if parent else Organisation.add_root(instance=organisation)
    provision(organisation)
    return organisation


@transaction.atomic
def provision(organisation: Organisation) -> None:
    """Bring a unit's pages, groups and permissions in line with its fields; safe to call again."""
    with translation.override(settings.LANGUAGE_CODE):
        _ensure_section(organisation)
        _ensure_groups(organisation)
        catalogues = _ensure_catalogues(organisation)
        collection = _ensure_collection(organisation)
        for role, codenames in OWN_PAGE_PERMISSIONS.items():
            group = organisation.group_for(role)
            for catalogue in catalogues:
                _grant_pages(group, catalogue, codenames)
            _grant_collection(group, collection)
        parent = organisation.get_parent()
        if parent is not None and parent.approvers_id:
            for catalogue in catalogues:
                _grant_pages(parent.approvers, catalogue, PARENT_APPROVER_PAGE_PERMISSIONS)
            _grant_collection(parent.approvers, collection)
        ensure_workflow(organisation, catalogues)
        # Apps that keep groups or records per unit add them here (applications/: the handlers of 依申请公开).
        for provision_more in hooks.get_hooks("provision_unit"):
            provision_more(organisation)


def rename_organisation(organisation: Organisation, name: str, short_name: str | None = None) -> None:
    """Rename a unit and keep its section title in step."""
    organisation.name = name
    if short_name:
        organisation.short_name = short_name
    organisation.save()
    if organisation.page_id:
        page = organisation.page
        page.title = name
        page.save_revision().publish()


def _ensure_section(organisation: Organisation) -> None:
    if organisation.page_id:
        return
    parent = organisation.get_parent()
    parent_page = parent.page if parent is not None else portal_home()
    slug = f"{organisation.region_code}-{organisation.department_code}".lower()
    page = parent_page.add_child(instance=UnitPage(title=organisation.name, slug=slug))
    organisation.page = page
    organisation.save(update_fields=["page"])


def _ensure_catalogues(organisation: Organisation) -> list[CataloguePage]:
    section = organisation.page
    existing = {c.domain: c for c in CataloguePage.objects.filter(organisation=organisation)}
    catalogues = []
    for domain in organisation.domains:
        catalogue = existing.get(domain)
        if catalogue is None:
            title = _("%(unit)s %(domain)s catalogue") % {
                "unit": organisation.short_name, "domain": Domain(domain).label}
            catalogue = section.add_child(instance=CataloguePage(
                title=title, slug=domain, organisation=organisation, domain=domain))
        catalogues.append(catalogue)
    return catalogues


def _ensure_groups(organisation: Organisation) -> None:
    access_admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    changed = []
    role_fields = {**ROLE_FIELDS, **LEVEL_ROLE_FIELDS.get(organisation.level, {})}
    for role, field in role_fields.items():
        if getattr(organisation, f"{field}_id"):
            continue
        name = f"{organisation.name}（{organisation.code}）{role.label}"
        group, _created = Group.objects.get_or_create(name=name[:150])
        group.permissions.add(access_admin)
        setattr(organisation, field, group)
        changed.append(field)
    if changed:
        organisation.save(update_fields=changed)


def _ensure_collection(organisation: Organisation) -> Collection:
    root = Collection.get_first_root_node()
    name = f"{organisation.name}（{organisation.code}）"
    collection = root.get_children().filter(name=name).first()
    return collection or root.add_child(name=name)


def _grant_pages(group: Group, page: Page, codenames) -> None:
    for codename in codenames:
        permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=f"{codename}_page")
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


def _grant_collection(group: Group, collection: Collection) -> None:
    for dotted in COLLECTION_PERMISSIONS:
        app_label, codename = dotted.split(".")
        permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
        GroupCollectionPermission.objects.get_or_create(group=group, collection=collection, permission=permission)
