"""manage.py disclosure_setup on a host's page tree: everything under the chosen parent, the host's own
pages and site untouched, a second run adds nothing, a wrong parent or unit gets a bilingual error."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from wagtail.models import Page, Site, Workflow, WorkflowPage

from cms.checks import check_provisioning
from cms.models import CatalogueItemPage, CataloguePage, Organisation, PortalHomePage

UNIT = {"name": "示范县人民政府", "short_name": "示范县", "region_code": "330199"}


@pytest.fixture
def host(db):
    """A host site as `wagtail start` leaves it: Wagtail's welcome page as the default site's root, plus
    a page of its own."""
    site = Site.objects.get(is_default_site=True)
    home = site.root_page
    about = home.add_child(instance=Page(title="About us", slug="about"))
    return site, home, about


def run(**options) -> str:
    out = StringIO()
    call_command("disclosure_setup", stdout=out, **options)
    return out.getvalue()


def snapshot():
    return {
        "pages": sorted(Page.objects.values_list("pk", "path", "title", "live", "latest_revision_id")),
        "groups": Group.objects.count(), "workflows": Workflow.objects.count(),
        "workflow_pages": WorkflowPage.objects.count(), "organisations": Organisation.objects.count(),
    }


def test_setup_under_the_home_page(host):
    site, home, about = host
    host_pages = sorted(Page.objects.values_list("pk", "path", "title", "live", "latest_revision_id"))
    output = run(parent="/", **UNIT)

    portal = PortalHomePage.objects.get()
    assert portal.get_parent().pk == home.pk
    assert portal.url_path == home.url_path + "disclosure/"
    county = Organisation.objects.get()
    assert county.page.get_parent().pk == portal.pk
    assert {c.domain for c in CataloguePage.objects.filter(organisation=county)} == {"party", "government"}
    assert county.editors and county.reviewers and county.approvers
    assert check_provisioning() == []  # groups and review workflows
    assert CatalogueItemPage.objects.live().count() > 10  # the standard templates
    assert "Created the portal home" in output and "已创建门户首页" in output

    # The host's pages and site are as they were.
    for row in host_pages:
        assert Page.objects.filter(pk=row[0]).values_list("pk", "path", "title", "live",
                                                          "latest_revision_id").get() == row
    site.refresh_from_db()
    assert site.root_page_id == home.pk and Site.objects.count() == 1
    assert about.get_parent().pk == home.pk


def test_a_second_run_adds_nothing(host):
    run(parent="/", **UNIT)
    before = snapshot()
    output = run(parent="/")  # the unit is found again without its options
    assert snapshot() == before
    assert "Portal home exists" in output and "template not applied" in output


def test_parent_by_id_and_path(host):
    _site, _home, about = host
    run(parent=str(about.pk), **UNIT)
    assert PortalHomePage.objects.get().get_parent().pk == about.pk
    with pytest.raises(CommandError) as error:
        run(parent="/")
    assert "只能" in str(error.value) or "only one" in str(error.value)


@pytest.mark.parametrize("parent", ["99999", "/no/such/page/", "about"])
def test_a_parent_that_does_not_exist(host, parent):
    with pytest.raises(CommandError) as error:
        run(parent=parent, **UNIT)
    chinese, english = str(error.value).split("\n")
    assert "找不到父页面" in chinese and "No parent page" in english
    assert not PortalHomePage.objects.exists()


def test_a_parent_inside_the_disclosure_section(host):
    run(parent="/", **UNIT)
    unit_page = Organisation.objects.get().page
    with pytest.raises(CommandError) as error:
        run(parent=str(unit_page.pk))
    assert "公开栏目本身" in str(error.value) and "part of the disclosure section" in str(error.value)


def test_the_first_run_needs_a_valid_unit(host):
    with pytest.raises(CommandError) as error:
        run(parent="/")
    assert "--name" in str(error.value) and "首次运行" in str(error.value)
    with pytest.raises(CommandError) as error:
        run(parent="/", name="某县", short_name="某县", region_code="33-01")
    assert "根单位的信息有误" in str(error.value) and "region_code" in str(error.value)
    assert not PortalHomePage.objects.exists() and not Organisation.objects.exists()  # nothing half-made


def test_a_site_of_its_own(host):
    run(parent="/", hostname="gk.example.gov.cn", **UNIT)
    site = Site.objects.get(hostname="gk.example.gov.cn")
    assert site.root_page_id == PortalHomePage.objects.get().pk and not site.is_default_site
    run(parent="/", hostname="gk.example.gov.cn")
    assert Site.objects.count() == 2
