"""Wagtail page-type rules: where each type may live, which are creatable, routing."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from cms.models import CatalogueItemPage, CataloguePage, DisclosurePage, PortalHomePage, UnitPage
from cms.units import create_organisation


class PageTypeRulesTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.unit = create_organisation(name="示范县人民政府", short_name="示范县", level="county", region_code="330199",
                                       department_code="000", publishes_government=True)
        catalogue = CataloguePage.objects.get(organisation=cls.unit)
        cls.item = catalogue.add_child(instance=CatalogueItemPage(title="财政预决算", slug="budget"))
        cls.item.save_revision().publish()
        cls.entry = cls.item.add_child(instance=DisclosurePage(title="2026年预算", slug="budget-2026"))
        cls.entry.save_revision().publish()

    def test_parents_and_children(self):
        self.assertAllowedParentPageTypes(PortalHomePage, {Page})
        self.assertAllowedSubpageTypes(PortalHomePage, {UnitPage})
        self.assertAllowedSubpageTypes(UnitPage, {UnitPage, CataloguePage})
        self.assertAllowedParentPageTypes(CataloguePage, {UnitPage})
        self.assertAllowedSubpageTypes(CataloguePage, {CatalogueItemPage})
        self.assertAllowedParentPageTypes(CatalogueItemPage, {CataloguePage, CatalogueItemPage})
        self.assertAllowedSubpageTypes(CatalogueItemPage, {CatalogueItemPage, DisclosurePage})
        self.assertAllowedParentPageTypes(DisclosurePage, {CatalogueItemPage})
        self.assertAllowedSubpageTypes(DisclosurePage, set())

    def test_sections_and_catalogues_are_not_created_by_hand(self):
        self.assertFalse(UnitPage.is_creatable)
        self.assertFalse(CataloguePage.is_creatable)
        self.assertEqual(UnitPage.creatable_subpage_models(), [])
        self.assertCanNotCreateAt(CataloguePage, CataloguePage)
        self.assertCanCreateAt(CataloguePage, CatalogueItemPage)
        self.assertCanCreateAt(CatalogueItemPage, DisclosurePage)
        self.assertCanNotCreateAt(CataloguePage, DisclosurePage)

    def test_entries_are_routable(self):
        self.assertPageIsRoutable(self.entry)
        self.assertPageIsRoutable(self.item)
