"""manage.py disclosure_setup: add the disclosure section to a host site's page tree (docs/install.md).

Under the chosen parent page it creates the portal home page (门户首页, the root of the disclosure tree)
and the root unit (a county: 县级人民政府) with everything cms.units provisions for a unit — its section,
one catalogue per domain, its groups and permissions, its review workflows, and what other apps add
through the ``provision_unit`` hook — then fills each new catalogue from the standard template of its
level and domain (cms/catalogue_templates/). Running it again creates only what is missing: existing
pages, groups, workflows and catalogue rows are left as they are, and so is every page of the host.
Messages are in Chinese and English.
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Page, Site

from cms.catalogue_io import CatalogueFileError, apply_template
from cms.checks import bilingual
from cms.models import CatalogueItemPage, CataloguePage, Domain, Organisation, OrganisationLevel, PortalHomePage
from cms.units import create_organisation, provision

# The standard template (cms/catalogue_templates/index.json) of a county's catalogues, by domain.
COUNTY_TEMPLATES = {
    Domain.PARTY: "party_organisation",
    Domain.GOVERNMENT: "county_government",
}


class Command(BaseCommand):
    help = ("添加公开栏目：在指定的父页面下创建门户首页、县级根单位及其目录、用户组、审核流程和标准目录，可重复运行。\n"
            "Add the disclosure section under a parent page of the site: the portal home, the root unit (a "
            "county) with its catalogues, groups, review workflows and standard catalogue rows. Safe to run again.")

    def add_arguments(self, parser):
        parser.add_argument("--parent", required=True,
                            help="父页面的 id 或路径（“/” 为默认站点的首页）/ id or path of the parent page "
                                 "(\"/\" is the default site's home page).")
        parser.add_argument("--name", help="根单位全称，例如 某某县人民政府 / full name of the root unit.")
        parser.add_argument("--short-name", help="根单位简称，例如 某某县 / short name of the root unit.")
        parser.add_argument("--region-code", help="六位行政区划代码，例如 330102 / the county's 6-digit region code.")
        parser.add_argument("--department-code", default="000",
                            help="单位代码（默认 000，单位本身）/ department code (default 000: the unit itself).")
        parser.add_argument("--title", default="政务公开", help="门户首页标题 / title of the portal home page.")
        parser.add_argument("--slug", default="disclosure", help="门户首页的路径名 / slug of the portal home page.")
        parser.add_argument("--no-templates", action="store_true",
                            help="不导入标准目录 / do not fill new catalogues from the standard templates.")
        parser.add_argument("--hostname",
                            help="为公开栏目另建一个 Wagtail 站点（门户独立部署时）/ also create a Wagtail site with "
                                 "this hostname rooted at the portal home (for a portal on a host of its own).")

    def handle(self, *args, parent, name, short_name, region_code, department_code, title, slug, no_templates,
               hostname, verbosity, **options):
        self.verbosity = verbosity
        parent_page = self._parent(parent)
        with transaction.atomic():
            home = self._portal_home(parent_page, title, slug)
            county = self._root_unit(name, short_name, region_code, department_code)
        if not no_templates:
            self._templates(county)
        if hostname:
            self._site(home, hostname)
        self.say(self.style.SUCCESS(bilingual(
            f"公开栏目已就绪：{home.url_path}（根单位 {county.name}，代码 {county.code}）。",
            f"The disclosure section is ready at {home.url_path} (root unit {county.name}, code {county.code}).")))

    def say(self, message: str) -> None:
        if self.verbosity > 0:
            self.stdout.write(message)

    def _parent(self, value: str) -> Page:
        value = (value or "").strip()
        if value.isdigit():
            page = Page.objects.filter(pk=int(value)).first()
        else:
            page = self._page_by_path(value)
        if page is None:
            raise CommandError(bilingual(f"找不到父页面 “{value}”：请给出页面 id 或路径（例如 / 或 /about/）。",
                                         f"No parent page {value!r}: give a page id or a path (e.g. / or /about/)."))
        specific_class = page.specific_class
        if specific_class is not None and specific_class._meta.app_label == "cms":
            raise CommandError(bilingual(
                f"父页面 “{page.title}” 属于公开栏目本身，请选择网站自己的页面。",
                f"The parent page {page.title!r} is part of the disclosure section: choose a page of the site."))
        return page

    def _page_by_path(self, value: str) -> Page | None:
        if not value.startswith("/"):
            return None
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site is None:
            root = Page.get_first_root_node()
            return root if value == "/" else None
        url_path = site.root_page.url_path + "/".join(part for part in value.split("/") if part)
        url_path = url_path if url_path.endswith("/") else url_path + "/"
        return Page.objects.filter(url_path=url_path).first()

    def _portal_home(self, parent: Page, title: str, slug: str) -> PortalHomePage:
        home = PortalHomePage.objects.first()
        if home is not None:
            if not home.get_parent().pk == parent.pk:
                raise CommandError(bilingual(
                    f"公开栏目已经建在 “{home.get_parent().title}”（{home.url_path}）下，不能再建第二个。",
                    f"The disclosure section exists already under {home.get_parent().title!r} ({home.url_path}); "
                    "there can be only one."))
            self.say(bilingual(f"门户首页已存在：{home.url_path}", f"Portal home exists: {home.url_path}"))
            return home
        if parent.get_children().filter(slug=slug).exists():
            raise CommandError(bilingual(
                f"父页面 “{parent.title}” 下已有路径名为 “{slug}” 的页面：请用 --slug 另选一个。",
                f"The parent page {parent.title!r} has a child with the slug {slug!r} already: choose another "
                "with --slug."))
        home = parent.add_child(instance=PortalHomePage(title=title, slug=slug))
        self.say(bilingual(f"已创建门户首页：{home.url_path}", f"Created the portal home: {home.url_path}"))
        return home

    def _root_unit(self, name, short_name, region_code, department_code) -> Organisation:
        existing = Organisation.get_root_nodes()
        if region_code:
            existing = existing.filter(region_code=region_code, department_code=department_code)
        county = existing.first()
        if county is not None:
            self.say(bilingual(f"根单位已存在：{county.name}（{county.code}），补齐缺少的部分……",
                               f"Root unit exists: {county.name} ({county.code}); adding what is missing…"))
            provision(county)
            return county
        missing = [option for option, value in (("--name", name), ("--short-name", short_name),
                                                ("--region-code", region_code)) if not value]
        if missing:
            raise CommandError(bilingual(f"首次运行需要给出根单位：{'、'.join(missing)}。",
                                         f"The first run needs the root unit: {', '.join(missing)}."))
        try:
            county = create_organisation(name=name, short_name=short_name, level=OrganisationLevel.COUNTY,
                                         region_code=region_code, department_code=department_code,
                                         publishes_party=True, publishes_government=True)
        except ValidationError as error:
            details = "; ".join(f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items()) \
                if hasattr(error, "error_dict") else " ".join(error.messages)
            raise CommandError(bilingual(f"根单位的信息有误：{details}", f"The root unit is not valid: {details}")) \
                from None
        self.say(bilingual(f"已创建根单位 {county.name}（{county.code}）及其目录、用户组和审核流程。",
                           f"Created the root unit {county.name} ({county.code}) with its catalogues, groups "
                           "and review workflows."))
        return county

    def _templates(self, county: Organisation) -> None:
        for catalogue in CataloguePage.objects.filter(organisation=county).order_by("path"):
            template = COUNTY_TEMPLATES.get(catalogue.domain)
            if template is None:
                continue
            if CatalogueItemPage.objects.child_of(catalogue).exists():
                self.say(bilingual(f"目录已有事项，未导入标准目录：{catalogue.title}",
                                   f"Catalogue has rows, template not applied: {catalogue.title}"))
                continue
            try:
                summary = apply_template(catalogue, template, publish=True)
            except CatalogueFileError as error:
                raise CommandError(bilingual(f"标准目录导入失败：{error}", f"The template was not applied: {error}")) \
                    from None
            self.say(bilingual(f"已导入标准目录：{catalogue.title}，{len(summary.created)} 个事项",
                               f"Applied the standard template to {catalogue.title}: {len(summary.created)} rows"))

    def _site(self, home: PortalHomePage, hostname: str) -> None:
        site, created = Site.objects.get_or_create(hostname=hostname, port=80,
                                                   defaults={"root_page": home, "site_name": home.title})
        if site.root_page_id != home.pk:
            raise CommandError(bilingual(f"站点 {hostname} 已存在，且根页面不是门户首页。",
                                         f"The site {hostname} exists already with another root page."))
        self.say(bilingual(f"{'已创建' if created else '已存在'}站点 {hostname}",
                           f"{'Created' if created else 'Exists'}: site {hostname}"))
