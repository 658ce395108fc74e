"""The portal's pages. Every read is a committed operation run through :mod:`portal.client` as the public.

A page the API does not return (missing, hidden, withdrawn, a draft) answers the same 404; a reader's bad
input gets a page that says what to change; an API that cannot answer gets a friendly 503, never a 500.
"""

import datetime
import re
from collections import Counter
from functools import wraps
from urllib.parse import urlencode, urlsplit, urlunsplit

from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_safe
from wagtail.views import serve as wagtail_serve

from cms.conf import setting
from cms.serving import portal_url

from . import labels
from .cache import kept_for, max_age_seconds, page_cache, page_key, server_cache_seconds
from .client import PortalUnavailable, execute

# A unit's public code: region code (统计用区划代码: 6 digits for a county, 9 for a township, 12 for a
# village) "-" department code. Townships' and villages' pages answered 404 while this said 6 digits only.
UNIT_CODE = re.compile(r"^[0-9]{6}(?:[0-9]{3}){0,2}-[0-9A-Za-z]{1,20}$")
MAX_QUERY_CHARACTERS = 200
MAX_PAGE = 500
ROW_PAGE_SIZE = 20


def _rendered(request, view, args, kwargs):
    """The page as the view renders it, or as kept since the last change for the same host, path and query
    (:mod:`portal.cache`; every public page is the same for everyone: the portal reads as the public)."""
    seconds = server_cache_seconds()
    if seconds <= 0:
        return view(request, *args, **kwargs)
    cache = page_cache()
    key = page_key(cache, request.get_host(), request.get_full_path())
    kept = cache.get(key)
    if kept is not None:
        content, content_type = kept
        response = HttpResponse(content, content_type=content_type)
        response["X-Portal-Cache"] = "hit"
        return response
    response = view(request, *args, **kwargs)
    if response.status_code == 200 and not response.streaming and not response.has_header("Cache-Control"):
        cache.set(key, (response.content, response["Content-Type"]), kept_for(seconds))
        response["X-Portal-Cache"] = "miss"
    return response


def public_page(view):
    """GET/HEAD only; answers are public for ``PORTAL_CACHE_MAX_AGE`` seconds with an ETag (304 when it
    matches), and kept by the portal itself until what it shows changes (:mod:`portal.cache`); an API that cannot
    answer becomes a 503 page that caches do not keep."""

    @require_safe
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            response = _rendered(request, view, args, kwargs)
        except PortalUnavailable:
            response = render(request, "portal/unavailable.html", status=503)
            response["Retry-After"] = "60"
            response["Content-Language"] = "zh-CN"
            patch_cache_control(response, no_store=True)
            return response
        response["Content-Language"] = "zh-CN"  # the portal speaks Chinese whatever the browser asks
        if response.status_code == 200:
            patch_cache_control(response, public=True, max_age=max_age_seconds())
            set_response_etag(response)
            return get_conditional_response(request, etag=response.get("ETag"), response=response)
        if not response.has_header("Cache-Control"):
            patch_cache_control(response, public=True, max_age=min(60, max_age_seconds()))
        return response

    return wrapper


def as_date(value) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


def clean_text(value: str) -> str:
    """Text from a query string that the API may receive: no NUL or other control characters, no lone
    surrogates, trimmed."""
    value = "".join(ch for ch in value if ch >= " " and not 0xD800 <= ord(ch) <= 0xDFFF and ch != "\x7f")
    return value.strip()


def positive_int(value, default=1, maximum=MAX_PAGE) -> int:
    value = (value or "").strip()
    if not (value.isascii() and value.isdigit()) or len(value) > 6:
        return default
    return min(max(int(value), 1), maximum)


def notice_days_left(entry: dict, today: datetime.date) -> int | None:
    end = as_date(entry.get("noticeEnd"))
    return (end - today).days if end else None


# — home, units —

@public_page
def home(request):
    latest = execute(request, "home", "HomePage", {"latest": 8}).data
    notices = execute(request, "notices", "NoticeBoard").data.get("disclosures") or {}
    today = timezone.localdate()
    notice_rows = [dict(edge["node"], days_left=notice_days_left(edge["node"], today))
                   for edge in notices.get("edges", ())]
    domains = [{"value": value, "label": labels.DOMAINS[value], "slug": labels.DOMAIN_SLUGS[value],
                "entries": (latest.get(labels.DOMAIN_SLUGS[value]) or {}).get("nodes", [])}
               for value in ("PARTY", "GOVERNMENT", "VILLAGE")]
    return render(request, "portal/home.html", {
        "domains": domains, "notices": notice_rows, "notice_total": notices.get("totalCount", 0),
        "roots": latest.get("organisations", []),
    })


def organisation_tree(units: list) -> list:
    """Units in tree order as nested dicts (``children``), departments listed under their parent."""
    by_code = {}
    roots = []
    for unit in units:
        node = dict(unit, children=[], level_label=labels.LEVELS.get(unit["level"], ""))
        by_code[unit["code"]] = node
        parent = (unit.get("parent") or {}).get("code")
        (by_code[parent]["children"] if parent in by_code else roots).append(node)
    return roots


@public_page
def units(request):
    data = execute(request, "units", "OrganisationTree").data
    return render(request, "portal/units.html", {"tree": organisation_tree(data.get("organisations", []))})


@public_page
def unit(request, code):
    return render_unit(request, code)


def render_unit(request, code):
    if not UNIT_CODE.match(code):
        raise Http404
    data = execute(request, "units", "UnitPage", {"code": code}).data
    organisation = data.get("organisation")
    if not organisation:
        raise Http404
    catalogues = [{"label": labels.DOMAINS[value], "url": f"/units/{organisation['code']}/{labels.DOMAIN_SLUGS[value]}/"}
                  for value in labels.DOMAIN_SLUGS if value in organisation.get("domains", ())]
    entries = (data.get("disclosures") or {}).get("nodes", [])
    for entry in entries:
        entry["domain_label"] = labels.DOMAINS.get(entry.get("domain"), "")
    return render(request, "portal/unit.html", {
        "organisation": organisation, "level_label": labels.LEVELS.get(organisation["level"], ""),
        "catalogues": catalogues, "entries": entries,
    })


@public_page
def unit_catalogue(request, code, domain):
    if domain not in labels.SLUG_DOMAINS:
        raise Http404
    return render_catalogue(request, code, labels.SLUG_DOMAINS[domain])


# — notice board (公开栏) —

@public_page
def board(request, code):
    if not UNIT_CODE.match(code):
        raise Http404
    data = execute(request, "units", "UnitPage", {"code": code, "latest": 1}).data
    organisation = data.get("organisation")
    if not organisation:
        raise Http404
    notices = execute(request, "notices", "NoticeBoard", {"organisationCode": code}).data.get("disclosures") or {}
    today = timezone.localdate()
    rows = [dict(edge["node"], days_left=notice_days_left(edge["node"], today)) for edge in notices.get("edges", ())]
    for row in rows:
        for block in row.get("body", ()):
            block["kind"] = block["__typename"]
    return render(request, "portal/board.html", {"organisation": organisation, "notices": rows, "today": today})


# — catalogue, rows, entries: the CMS's page paths —

def split_page_path(path: str):
    """(unit code, domain value, rest) of a page path /<unit>/…/<unit>/<domain>/<row>/…/ — or None."""
    segments = [segment for segment in path.strip("/").split("/") if segment]
    for index, segment in enumerate(segments):
        if segment in labels.SLUG_DOMAINS and index > 0 and UNIT_CODE.match(segments[index - 1]):
            return segments[index - 1], labels.SLUG_DOMAINS[segment], segments[index + 1:]
    if segments and all(UNIT_CODE.match(segment) for segment in segments):
        return segments[-1], None, []
    return None


@public_page
def page(request, path):
    return render_page_path(request, path)


def cms_page_path(request, path):
    """The CMS's page paths when the portal runs in the CMS process (config/urls.py routes them here ahead of
    Wagtail's serve view): the page is found by the API's path lookup alone, without Wagtail's routing
    walking the tree a query per level first (bench/portal_pages.py). With ``PORTAL_URL`` set the portal
    lives elsewhere and Wagtail's serve view answers (cms.serving redirects public pages there)."""
    if portal_url():
        return wagtail_serve(request, path)
    return page(request, path)


def render_page_path(request, path):
    """A page of the CMS's tree by its path: a unit, a catalogue, a catalogue row or an entry."""
    path = "/" + clean_text(path).strip("/") + "/"
    if len(path) > 1000:
        raise Http404
    parts = split_page_path(path)
    if parts is None:
        raise Http404
    code, domain, rest = parts
    if domain is None:
        return render_unit(request, code)
    if not rest:
        return render_catalogue(request, code, domain)
    entry = execute(request, "entry", "EntryPage", {"path": path}).data.get("disclosure")
    if entry:
        return render_entry(request, entry)
    return render_row(request, code, domain, path)


def catalogue_rows(items: list) -> list:
    """First-level rows, each with its second-level rows (``children``)."""
    rows = []
    for item in items:
        item = dict(item, time_limit_label=labels.TIME_LIMITS.get(item["timeLimit"]["kind"], ""),
                    cadence_label=labels.CADENCES.get(item["timeLimit"].get("cadence") or "", ""),
                    manner_label=labels.MANNERS.get(item.get("manner") or "", ""),
                    level_label=labels.DISCLOSURE_LEVELS.get(item.get("disclosureLevel") or "", ""),
                    audience_label=labels.AUDIENCES.get(item.get("audience") or "", ""),
                    channel_labels=[labels.CHANNELS.get(channel, channel) for channel in item.get("channels", ())],
                    children=[])
        if item["level"] > 1 and rows:
            rows[-1]["children"].append(item)
        else:
            rows.append(item)
    return rows


def load_catalogue(request, code, domain):
    if not UNIT_CODE.match(code):
        raise Http404
    data = execute(request, "catalogue", "CataloguePage", {"organisationCode": code, "domain": domain}).data
    if not data.get("catalogue") or not data.get("organisation"):
        raise Http404
    return data


def render_catalogue(request, code, domain):
    data = load_catalogue(request, code, domain)
    return render(request, "portal/catalogue.html", {
        "organisation": data["organisation"], "catalogue": data["catalogue"],
        "domain_label": labels.DOMAINS[domain], "rows": catalogue_rows(data["catalogue"]["items"]),
        "today": timezone.localdate(),
    })


def render_row(request, code, domain, path):
    data = load_catalogue(request, code, domain)
    item = next((row for row in catalogue_rows(data["catalogue"]["items"]) for row in [row, *row["children"]]
                 if row["path"] == path), None)
    if item is None:
        raise Http404
    number = positive_int(request.GET.get("page"))
    listing = execute(request, "catalogue", "CatalogueItemEntries", {
        "item": item["id"], "pageSize": ROW_PAGE_SIZE, "offset": (number - 1) * ROW_PAGE_SIZE}).data
    entries = listing.get("disclosures") or {"nodes": [], "totalCount": 0, "pageInfo": {}}
    for entry in entries["nodes"]:
        entry["validity_label"] = labels.VALIDITY.get(entry.get("validity"), "")
    pages = max(1, -(-entries["totalCount"] // ROW_PAGE_SIZE))
    if number > pages:
        raise Http404
    return render(request, "portal/row.html", {
        "organisation": data["organisation"], "catalogue": data["catalogue"], "item": item,
        "domain_label": labels.DOMAINS[domain], "entries": entries, "page_number": number, "pages": pages,
        "page_range": range(max(1, number - 4), min(pages, number + 4) + 1),
    })


def render_entry(request, entry):
    return render(request, "portal/entry.html", render_entry_context(entry))


def render_entry_context(entry: dict) -> dict:
    """The entry page's template context from the API's ``EntryDetail`` (also used by the admin's previews)."""
    today = timezone.localdate()
    links = []
    for link in entry.get("links", ()):
        if link["kind"] == "INTERPRETS":
            continue  # shown as 政策解读 both ways below
        links.append(dict(link, label=labels.LINK_KINDS.get((link["kind"], link["direction"]), "相关信息"),
                          validity_label=labels.VALIDITY.get(link["entry"].get("validity"), "")))
    for block in entry.get("body", ()):
        block["kind"] = block["__typename"]
        if block["__typename"] == "PublicExpensesBlock":
            block["lines"] = [{"label": label, "budget": (block.get("budget") or {}).get(key),
                               "actual": (block.get("actual") or {}).get(key)} for key, label in labels.EXPENSES]
            block["stage_label"] = labels.STAGES.get(block.get("stage"), "")
        if block["__typename"] == "FinancialTableBlock":
            block["numeric"] = [column["kind"] != "text" for column in block.get("columns", ())]
    notice_end = as_date(entry.get("noticeEnd"))
    notice_start = as_date(entry.get("noticeStart"))
    if notice_end is None:
        notice_state = ""
    elif entry.get("noticeInEffect"):
        notice_state = "公示中"
    elif notice_start and today < notice_start:
        notice_state = "尚未开始"
    else:
        notice_state = "公示期已结束"
    return {
        "entry": entry, "links": links,
        "domain_label": labels.DOMAINS.get(entry.get("domain"), ""),
        "validity_label": labels.VALIDITY.get(entry.get("validity"), ""),
        "attribute_label": labels.ATTRIBUTES.get(entry.get("disclosureAttribute"), ""),
        "notice_state": notice_state, "notice_days_left": notice_days_left(entry, today) if notice_end else None,
    }


# — search —

MAX_CURSOR = 100
MAX_TRAIL = 100  # pages of 10 hits a reader can step back through


def page_url(params: dict, cursors: list) -> str:
    """The search page reached with these cursors: the last one is ``after``, the others the trail back."""
    url = search_url(params)
    if cursors:
        url += "&" + urlencode({"after": cursors[-1], "trail": ",".join(cursors[:-1])} if cursors[:-1]
                               else {"after": cursors[-1]})
    return url


FACET_PARAMS = {"DOMAIN": "domain", "ORGANISATION": "org", "CATALOGUE_ITEM": "item", "YEAR": "year"}


def search_params(request) -> tuple[dict, list]:
    """The search's parameters from the query string, each checked; returns (params, problems)."""
    problems = []
    raw = request.GET.get("q", "")
    text = clean_text(raw)
    if len(text) > MAX_QUERY_CHARACTERS:
        problems.append(f"搜索词太长了：最多 {MAX_QUERY_CHARACTERS} 个字，请缩短后再搜索。")
        text = text[:MAX_QUERY_CHARACTERS]
    params = {"q": text}
    domain = request.GET.get("domain", "").upper()
    if domain in labels.DOMAINS:
        params["domain"] = domain.lower()
    for name in ("org", "item"):
        value = request.GET.get(name, "")
        if value.isascii() and value.isdigit() and 0 < len(value) <= 12:
            params[name] = value
    year = request.GET.get("year", "")
    if year.isascii() and year.isdigit() and len(year) == 4 and 1900 < int(year) < 2200:
        params["year"] = year
    if request.GET.get("sort") == "date":
        params["sort"] = "date"
    after = clean_text(request.GET.get("after", ""))
    if after and len(after) <= MAX_CURSOR and after.isascii():
        params["after"] = after
        trail = [cursor for cursor in clean_text(request.GET.get("trail", "")).split(",") if cursor]
        if len(trail) <= MAX_TRAIL and all(len(cursor) <= MAX_CURSOR and cursor.isascii() for cursor in trail):
            params["trail"] = trail
    return params, problems


def search_url(params: dict, **changes) -> str:
    """/search/ with these parameters; a change to None removes one; any change starts at the first page."""
    merged = {key: value for key, value in params.items() if key not in ("after", "trail")}
    merged.update(changes)
    return "/search/?" + urlencode({key: value for key, value in merged.items() if value})


def search_variables(params: dict) -> dict:
    filter = {}
    if "domain" in params:
        filter["domains"] = [params["domain"].upper()]
    if "org" in params:
        filter["organisation"] = params["org"]
    if "item" in params:
        filter["catalogueItem"] = params["item"]
    if "year" in params:
        filter["published"] = {"start": f"{params['year']}-01-01", "end": f"{params['year']}-12-31"}
    return {"query": params["q"], "filter": filter or None, "sort": "DATE" if params.get("sort") == "date" else None,
            "after": params.get("after")}


def row_facet_label(row: dict | None, repeated: set, key: str) -> str:
    """A catalogue row's name (一级 / 二级); with its unit when another row of the list has the same name
    (every village has its 村级财务 / 财务收支情况)."""
    if not row:
        return key
    unit = (row.get("organisation") or {}).get("shortName")
    return f"{row['fullName']}（{unit}）" if unit and row["fullName"] in repeated else row["fullName"]


def repeated_row_names(buckets: list) -> set:
    names = Counter((bucket.get("catalogueItem") or {}).get("fullName") for bucket in buckets)
    return {name for name, count in names.items() if name and count > 1}


def facet_groups(facets: list, params: dict) -> list:
    groups = []
    for facet in facets:
        param = FACET_PARAMS.get(facet["name"])
        if not param or not facet["buckets"]:
            continue
        repeated = repeated_row_names(facet["buckets"]) if facet["name"] == "CATALOGUE_ITEM" else set()
        buckets = []
        for bucket in facet["buckets"]:
            key = bucket["key"]
            if facet["name"] == "DOMAIN":
                value, label = key.lower(), labels.DOMAINS.get(key.upper(), key)
            elif facet["name"] == "ORGANISATION":
                value, label = key, (bucket.get("organisation") or {}).get("shortName") or key
            elif facet["name"] == "CATALOGUE_ITEM":
                value, label = key, row_facet_label(bucket.get("catalogueItem"), repeated, key)
            else:
                value, label = key, f"{key}年"
            selected = params.get(param) == value
            buckets.append({"label": label, "count": bucket["count"], "selected": selected,
                            "url": search_url(params, **{param: None if selected else value})})
        groups.append({"label": labels.FACETS[facet["name"]], "buckets": buckets,
                       "active": param in params, "clear_url": search_url(params, **{param: None})})
    return groups


@public_page
def search(request):
    params, problems = search_params(request)
    context = {"params": params, "problems": problems, "results": None,
               "sort_relevance_url": search_url(params, sort=None), "sort_date_url": search_url(params, sort="date")}
    if problems or not params["q"]:
        status = 400 if problems else 200
        if not params["q"] and "q" in request.GET and not problems:
            problems.append("请输入要搜索的内容，例如“预算”“低保”“村务”。")
        return render(request, "portal/search.html", context, status=status)
    result = execute(request, "search", "SearchPage", search_variables(params))
    problem = result.input_error()
    if problem:
        if problem["argument"] == "after":
            context["problems"] = ["这个翻页链接已失效，请从第一页重新查看。"]
            context["restart_url"] = search_url(params)
        else:
            context["problems"] = [f"无法按这个搜索词搜索：{problem['message']}"]
        return render(request, "portal/search.html", context, status=400)
    results = result.data["search"]
    cursors = [*params.get("trail", ()), params["after"]] if "after" in params else []
    page_number = len(cursors) + 1
    end = results["pageInfo"]["endCursor"]
    context.update({
        "results": results, "facets": facet_groups(results["facets"], params), "page_number": page_number,
        "first": (page_number - 1) * 10 + 1, "last": (page_number - 1) * 10 + len(results["hits"]),
        "next_url": page_url(params, [*cursors, end]) if results["pageInfo"]["hasNextPage"] and end else "",
        "previous_url": page_url(params, cursors[:-1]) if cursors else "",
        "earlier_pages": [(number + 1, page_url(params, cursors[:number])) for number in range(len(cursors))][-5:],
        "suggestion_urls": [(word, search_url({"q": word})) for word in results.get("suggestions", ())],
        "clear_filters_url": search_url({"q": params["q"], "sort": params.get("sort")})
        if any(name in params for name in FACET_PARAMS.values()) else "",
    })
    return render(request, "portal/search.html", context)


# — robots —

@public_page
def robots(request):
    sitemap_url = request.build_absolute_uri("/sitemap.xml")
    return HttpResponse("User-agent: *\nDisallow: /search/\nDisallow: /text-size/\nDisallow: /admin/\nDisallow: /graphql/\n"
                        f"Sitemap: {sitemap_url}\n", content_type="text/plain; charset=utf-8")


# — 适老化: large text —

TEXT_SIZE_COOKIE = "portal_text_size"
LARGE_TEXT_CSS = (
    "html{font-size:21px}body{font-size:22px;line-height:1.9;letter-spacing:.02em}"
    ".wrap{padding:0 14px}p,.list li{margin-top:.5em;margin-bottom:.5em}.list li{padding:10px 0}"
    "th,td{padding:8px 10px}.search-box input,.search-box button,.button{padding:12px 16px}"
    ".nav{gap:8px 22px}.hit,.panel{padding:14px 16px}.meta,.list .meta{font-size:.95rem}"
    ".pager a,.pager span{padding:8px 16px}.board{font-size:1.6rem}"
    ".text-size a[data-size=large]{font-weight:700;text-decoration:underline}"
    ".text-size a[data-size=normal]{font-weight:400}"
    "@media print{body{font-size:14pt}}"
)


@require_safe
def text_size(request):
    """大字 / 标准 without JavaScript: remembers the reader's choice in a cookie (a display preference, no
    personal data) and goes back to the page. Pages stay the same for everyone (and cacheable); only the
    small stylesheet of :func:`text_size_css` differs."""
    target = request.GET.get("next") or ""
    if not target:  # the 404 page (the same for every path) sends no ``next``: back to the referring page
        referrer = urlsplit(request.META.get("HTTP_REFERER", ""))
        if referrer.netloc == request.get_host():
            target = urlunsplit(("", "", referrer.path, referrer.query, ""))
    if not (target.startswith("/") and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})):
        target = "/"
    response = HttpResponseRedirect(target)
    if request.GET.get("size") == "large":
        response.set_cookie(TEXT_SIZE_COOKIE, "large", max_age=365 * 24 * 3600, samesite="Lax",
                            secure=request.is_secure(), httponly=True)
    else:
        response.delete_cookie(TEXT_SIZE_COOKIE, samesite="Lax")
    patch_cache_control(response, no_store=True)
    return response


@require_safe
def text_size_css(request):
    """The stylesheet every page links: large text and spacing when the reader chose 大字, else empty."""
    large = request.COOKIES.get(TEXT_SIZE_COOKIE) == "large"
    response = HttpResponse(LARGE_TEXT_CSS if large else "", content_type="text/css; charset=utf-8")
    patch_cache_control(response, private=True, no_cache=True)
    patch_vary_headers(response, ["Cookie"])
    set_response_etag(response)
    return get_conditional_response(request, etag=response.get("ETag"), response=response)


# — Atom feeds, sitemap —

def atom_feed(request, title: str, link: str, entries: list) -> HttpResponse:
    from django.utils.feedgenerator import Atom1Feed

    feed = Atom1Feed(title=title, link=request.build_absolute_uri(link), description="",
                     language="zh-CN", feed_url=request.build_absolute_uri())
    for entry in entries:
        published = as_date(entry.get("publishedOn"))
        updated = parse_datetime(entry.get("lastPublishedAt"))
        feed.add_item(
            title=entry["title"], link=request.build_absolute_uri(entry["path"]),
            description=entry.get("summary") or entry["title"], unique_id=request.build_absolute_uri(entry["path"]),
            author_name=(entry.get("organisation") or {}).get("name", ""),
            pubdate=datetime.datetime.combine(published, datetime.time(), tzinfo=timezone.get_current_timezone())
            if published else None,
            updateddate=updated,
        )
    response = HttpResponse(content_type="application/atom+xml; charset=utf-8")
    feed.write(response, "utf-8")
    return response


def parse_datetime(value):
    try:
        return datetime.datetime.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


@public_page
def unit_feed(request, code):
    if not UNIT_CODE.match(code):
        raise Http404
    organisation = execute(request, "units", "UnitPage", {"code": code, "latest": 1}).data.get("organisation")
    if not organisation:
        raise Http404
    entries = execute(request, "feeds", "EntryFeed", {"organisationCode": code}).data["disclosures"]["nodes"]
    return atom_feed(request, f"{organisation['name']}公开信息", f"/units/{code}/", entries)


@public_page
def domain_feed(request, domain):
    if domain not in labels.SLUG_DOMAINS:
        raise Http404
    value = labels.SLUG_DOMAINS[domain]
    entries = execute(request, "feeds", "EntryFeed", {"domains": [value]}).data["disclosures"]["nodes"]
    return atom_feed(request, labels.DOMAINS[value], "/", entries)


def max_sitemap_entries() -> int:
    return int(setting("PORTAL_SITEMAP_MAX_ENTRIES", 5000))


@public_page
def sitemap(request):
    """The home page, unit pages, catalogues and the newest entries (up to ``PORTAL_SITEMAP_MAX_ENTRIES``)."""
    from xml.sax.saxutils import escape

    urls = [("/", ""), ("/units/", "")]
    for unit_node in execute(request, "units", "OrganisationTree").data.get("organisations", []):
        urls.append((f"/units/{unit_node['code']}/", ""))
        urls.extend((f"/units/{unit_node['code']}/{labels.DOMAIN_SLUGS[value]}/", "")
                    for value in unit_node.get("domains", ()) if value in labels.DOMAIN_SLUGS)
    after, count = None, 0
    while count < max_sitemap_entries():
        page_data = execute(request, "feeds", "SitemapEntries", {"after": after}).data["disclosures"]
        for node in page_data["nodes"]:
            updated = parse_datetime(node.get("lastPublishedAt"))
            urls.append((node["path"], updated.date().isoformat() if updated else ""))
        count += len(page_data["nodes"])
        if not page_data["pageInfo"]["hasNextPage"] or not page_data["nodes"]:
            break
        after = page_data["pageInfo"]["endCursor"]
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for path, modified in urls:
        lastmod = f"<lastmod>{modified}</lastmod>" if modified else ""
        lines.append(f"<url><loc>{escape(request.build_absolute_uri(path))}</loc>{lastmod}</url>")
    lines.append("</urlset>")
    return HttpResponse("\n".join(lines) + "\n", content_type="application/xml; charset=utf-8")
