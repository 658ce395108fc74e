"""The daily content checks (每日检查, docs/supervision.md «每日检查») of what is online:

* internal links — page and entry links in the running text of live entries, and their related-entry links,
  to pages that are missing or not published (``internal_link``);
* external links — ``http(s)`` links in that text, checked politely (``external_link``): HEAD first, GET when
  the server refuses HEAD, a timeout, our User-Agent, at most ``SUPERVISION_LINKS_PER_HOST`` URLs per host
  and ``SUPERVISION_LINKS_PER_RUN`` per run (the least recently checked first, so that the rest come next
  run) and ``SUPERVISION_LINK_HOST_DELAY`` seconds between two requests to one host; links to internal
  addresses (loopback, private networks, link-local, e.g. an intranet or the cloud metadata address) are
  never requested, also after a redirect: the public cannot open them anyway, so they are findings
  (``SUPERVISION_LINK_ALLOW_INTERNAL`` lets a closed test network through);
* attachments — documents attached or linked that are missing or whose file cannot be read (``attachment``);
* stale columns — periodic rows with no entry published in the current or the previous period
  (``stale_column``).

A finding belongs to the entry's (or row's) unit. A run stores what it finds (:class:`~supervision.models.Finding`,
keyed so that the same problem is the same row) and closes the open findings it no longer finds; an
external link not checked in a run (over the caps) keeps its finding as it was.
"""

from __future__ import annotations

import datetime
import hashlib
import http.client
import ipaddress
import re
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from typing import Callable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.models import Page

from cms.conf import setting
from cms.models import DisclosureLink, Organisation
from cms.models.choices import Cadence, TimeLimitKind
from cms.visibility import live_entries

from .models import CheckKind, CheckRun, Finding, LinkCheck, RunStatus
from .timeliness import _rows, period_start

PAGE_LINK = re.compile(r'<a\b[^>]*\blinktype="page"[^>]*\bid="(\d+)"', re.I)
DOCUMENT_LINK = re.compile(r'<a\b[^>]*\blinktype="document"[^>]*\bid="(\d+)"', re.I)
EXTERNAL_LINK = re.compile(r'<a\b[^>]*\bhref="(https?://[^"]+)"', re.I)

Progress = Callable[[str], None]


def _key(*parts) -> str:
    text = ":".join(str(part) for part in parts)
    return text if len(text) <= 255 else text[:200] + ":" + hashlib.sha1(text.encode()).hexdigest()


@dataclass
class Found:
    organisation_id: int
    kind: str
    subject: str
    detail: str = ""
    target: str = ""
    page_id: int | None = None


@dataclass
class Scan:
    """What one pass over the live entries collected."""

    entries: int = 0
    page_links: dict = field(default_factory=dict)      # entry -> {page id}
    document_ids: dict = field(default_factory=dict)    # entry -> {document id}
    external: dict = field(default_factory=dict)        # entry -> {url}
    entry_info: dict = field(default_factory=dict)      # entry -> (organisation id, title)


def _walk_blocks(raw, scan: Scan, entry_id: int):
    for block in raw or []:
        kind, value = block.get("type"), block.get("value")
        if kind == "rich_text" and isinstance(value, str):
            html = value.replace("&amp;", "&")
            scan.page_links[entry_id].update(int(i) for i in PAGE_LINK.findall(html))
            scan.document_ids[entry_id].update(int(i) for i in DOCUMENT_LINK.findall(html))
            scan.external[entry_id].update(url.strip() for url in EXTERNAL_LINK.findall(html))
        elif kind == "attachments" and isinstance(value, list):
            for item in value:
                item_value = item.get("value", item) if isinstance(item, dict) else None
                document = item_value.get("document") if isinstance(item_value, dict) else None
                if isinstance(document, int):
                    scan.document_ids[entry_id].add(document)


def scan_entries() -> Scan:
    """One pass over the live entries' stored bodies (the page rows hold the live content)."""
    scan = Scan()
    entries = live_entries().values_list("pk", "organisation_id", "title", "body").iterator(chunk_size=500)
    for pk, organisation_id, title, body in entries:
        scan.entries += 1
        scan.entry_info[pk] = (organisation_id, title)
        scan.page_links[pk], scan.document_ids[pk], scan.external[pk] = set(), set(), set()
        raw = body.raw_data if hasattr(body, "raw_data") else body
        _walk_blocks(list(raw) if raw else [], scan, pk)
    for page_id, target_id in DisclosureLink.objects.filter(page_id__in=list(scan.entry_info)).values_list(
            "page_id", "target_id"):
        scan.page_links[page_id].add(target_id)
    return scan


def check_internal_links(scan: Scan) -> list[Found]:
    targets = {target for links in scan.page_links.values() for target in links}
    live = dict(Page.objects.filter(pk__in=targets).values_list("pk", "live"))
    found = []
    for entry_id, links in scan.page_links.items():
        organisation_id, title = scan.entry_info[entry_id]
        for target in sorted(links):
            if target not in live:
                detail = _("The linked page (id %(id)s) no longer exists.") % {"id": target}
            elif not live[target]:
                detail = _("The linked page (id %(id)s) is not published.") % {"id": target}
            else:
                continue
            found.append(Found(organisation_id, CheckKind.INTERNAL_LINK, title, detail, f"page:{target}", entry_id))
    return found


def _readable(document) -> str:
    """'' when the document's file exists and its first bytes can be read, else why not."""
    name = document.file.name
    if not name:
        return _("The document has no file.")
    try:
        if not document.file.storage.exists(name):
            return _("The file %(name)s is missing.") % {"name": name}
        with document.file.storage.open(name, "rb") as handle:
            handle.read(1)
    except OSError as error:
        return _("The file %(name)s cannot be read: %(error)s") % {"name": name, "error": error.strerror or error}
    if document.file.storage.size(name) == 0:
        return _("The file %(name)s is empty.") % {"name": name}
    return ""


def check_attachments(scan: Scan) -> list[Found]:
    ids = {document for documents in scan.document_ids.values() for document in documents}
    documents = get_document_model().objects.in_bulk(list(ids))
    problems = {pk: _readable(document) for pk, document in documents.items()}
    found = []
    for entry_id, document_ids in scan.document_ids.items():
        organisation_id, title = scan.entry_info[entry_id]
        for document_id in sorted(document_ids):
            if document_id not in documents:
                detail = _("The attached document (id %(id)s) no longer exists.") % {"id": document_id}
            elif problems[document_id]:
                detail = f"{documents[document_id].title}：{problems[document_id]}"
            else:
                continue
            found.append(Found(organisation_id, CheckKind.ATTACHMENT, title, detail, f"document:{document_id}",
                               entry_id))
    return found


def check_stale_columns(today: datetime.date) -> list[Found]:
    """Periodic rows without an entry published in the current or the previous period."""
    found = []
    for row in _rows(Organisation.objects.all()):
        if row.has_child_rows or row.time_limit_kind != TimeLimitKind.PERIODIC or row.cadence not in Cadence.values:
            continue
        previous_start = period_start(period_start(today, row.cadence) - datetime.timedelta(days=1), row.cadence)
        created = timezone.localdate(row.first_published_at) if row.first_published_at else today
        last = row.last_published
        if (last is None and created < previous_start) or (last is not None and last < previous_start):
            detail = (_("Last entry published on %(date)s; cadence: %(cadence)s.")
                      % {"date": last, "cadence": Cadence(row.cadence).label} if last else
                      _("No entry since the row was created; cadence: %(cadence)s.")
                      % {"cadence": Cadence(row.cadence).label})
            found.append(Found(row.organisation_id, CheckKind.STALE_COLUMN, row.title, detail, f"row:{row.pk}", row.pk))
    return found


class _KeepMethodRedirect(urllib.request.HTTPRedirectHandler):
    """Follow redirects with the same method (a HEAD stays a HEAD); urllib caps them at 10 and stops loops."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None:
            new.method = req.get_method()
        return new


class InternalAddress(OSError):
    """The link's host is on an internal network (docs/supervision.md «每日检查»)."""


def internal_address(host: str, port: int | None = None) -> str | None:
    """The first address ``host`` resolves to that is not on the public internet, or None."""
    try:
        infos = socket.getaddrinfo(host, port or 80, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError, ValueError):
        return None  # not resolvable: the request itself fails with a clear error
    for *_rest, sockaddr in infos:
        address = ipaddress.ip_address(sockaddr[0].split("%", 1)[0])
        if getattr(address, "ipv4_mapped", None):
            address = address.ipv4_mapped
        if not address.is_global:
            return str(address)
    return None


class _PublicOnly:
    """A connection that refuses a host resolving to an internal address, checked again on the socket
    actually connected (a name that changes its answer between the two looks is refused too); nothing
    is sent before the check."""

    def connect(self):
        found = internal_address(self.host, self.port)
        if found:
            raise InternalAddress(found)
        super().connect()
        peer = ipaddress.ip_address(self.sock.getpeername()[0].split("%", 1)[0])
        if not peer.is_global:
            self.sock.close()
            raise InternalAddress(str(peer))


class _PublicHTTPConnection(_PublicOnly, http.client.HTTPConnection):
    pass


class _PublicHTTPSConnection(_PublicOnly, http.client.HTTPSConnection):
    pass


class _PublicHTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req):
        return self.do_open(_PublicHTTPConnection, req)


class _PublicHTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req):
        return self.do_open(_PublicHTTPSConnection, req)


@dataclass
class LinkResult:
    ok: bool
    status: int | None = None
    error: str = ""
    final_url: str = ""
    internal: bool = False


class LinkChecker:
    """Bounded, polite HTTP checks of external links (module docstring)."""

    def __init__(self, timeout=None, per_host=None, per_run=None, host_delay=None, user_agent=None,
                 allow_internal=None):
        self.timeout = float(timeout if timeout is not None else setting("SUPERVISION_LINK_TIMEOUT", 5))
        self.per_host = int(per_host if per_host is not None else setting("SUPERVISION_LINKS_PER_HOST", 20))
        self.per_run = int(per_run if per_run is not None else setting("SUPERVISION_LINKS_PER_RUN", 200))
        self.host_delay = float(host_delay if host_delay is not None else setting("SUPERVISION_LINK_HOST_DELAY", 1.0))
        self.user_agent = user_agent or setting(
            "SUPERVISION_LINK_USER_AGENT", "DisclosureCMS-LinkCheck/1.0 (+government disclosure link check)")
        if allow_internal is None:
            allow_internal = bool(setting("SUPERVISION_LINK_ALLOW_INTERNAL", False))
        handlers = [_KeepMethodRedirect()] + ([] if allow_internal else [_PublicHTTPHandler(), _PublicHTTPSHandler()])
        self._opener = urllib.request.build_opener(*handlers)
        self._last_request: dict[str, float] = {}

    def _wait_for(self, host: str):
        last = self._last_request.get(host)
        if last is not None:
            pause = self.host_delay - (time.monotonic() - last)
            if pause > 0:
                time.sleep(pause)
        self._last_request[host] = time.monotonic()

    def _request(self, url: str, method: str) -> LinkResult:
        request = urllib.request.Request(url, method=method, headers={"User-Agent": self.user_agent,
                                                                      "Accept": "*/*"})
        self._wait_for(urllib.parse.urlsplit(url).hostname or "")
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                if method == "GET":
                    response.read(1024)
                return LinkResult(True, response.status, final_url=response.geturl())
        except urllib.error.HTTPError as error:
            return LinkResult(False, error.code, _("HTTP status %(code)s") % {"code": error.code})
        except (socket.timeout, TimeoutError):
            return LinkResult(False, None, _("No answer within %(seconds)s seconds") % {"seconds": self.timeout})
        except urllib.error.URLError as error:
            reason = error.reason
            if isinstance(reason, InternalAddress):
                return LinkResult(False, None, _("Not checked: the link leads to an internal address (%(address)s) "
                                                 "that the public cannot open") % {"address": reason}, internal=True)
            if isinstance(reason, (socket.timeout, TimeoutError)):
                return LinkResult(False, None, _("No answer within %(seconds)s seconds") % {"seconds": self.timeout})
            return LinkResult(False, None, _("Cannot connect: %(reason)s") % {"reason": reason})
        except (OSError, ValueError, http.client.HTTPException) as error:
            return LinkResult(False, None, _("Cannot connect: %(reason)s") % {"reason": error})

    def check(self, url: str) -> LinkResult:
        """HEAD, then GET when the server does not answer HEAD properly (405, 501, 403 or an error status)."""
        result = self._request(url, "HEAD")
        if not result.ok and not result.internal and (result.status is None or result.status in (400, 403, 405, 501) or result.status >= 500):
            if result.status is not None or "timeout" not in result.error:
                get = self._request(url, "GET")
                if get.ok or get.status is not None:
                    return get
        return result

    def select(self, urls: set[str]) -> list[str]:
        """The URLs to check this run: least recently checked first, within the per-host and per-run caps."""
        known = {row.url: row.checked_at for row in LinkCheck.objects.filter(url__in=list(urls)).only("url", "checked_at")}
        epoch = datetime.datetime.min.replace(tzinfo=datetime.timezone.utc)
        chosen, per_host = [], {}
        for url in sorted(urls, key=lambda u: (known.get(u) or epoch, u)):
            host = (urllib.parse.urlsplit(url).hostname or "").lower()
            if per_host.get(host, 0) >= self.per_host:
                continue
            per_host[host] = per_host.get(host, 0) + 1
            chosen.append(url)
            if len(chosen) >= self.per_run:
                break
        return chosen


def check_external_links(scan: Scan, checker: LinkChecker, progress: Progress | None = None) -> tuple[list[Found], set[str], int]:
    """Returns the findings, the URLs checked in this run, and how many were checked."""
    urls = {url[:500] for links in scan.external.values() for url in links}
    chosen = checker.select(urls)
    results: dict[str, LinkResult] = {}
    now = timezone.now()
    for number, url in enumerate(chosen, start=1):
        results[url] = result = checker.check(url)
        LinkCheck.objects.update_or_create(url=url, defaults={
            "host": (urllib.parse.urlsplit(url).hostname or "")[:255], "checked_at": now, "status": result.status,
            "ok": result.ok, "error": result.error[:300]})
        if progress and (number % 10 == 0 or number == len(chosen)):
            progress(_("External links: %(done)s of %(total)s checked") % {"done": number, "total": len(chosen)})
    found = []
    for entry_id, links in scan.external.items():
        organisation_id, title = scan.entry_info[entry_id]
        for url in sorted(links):
            result = results.get(url[:500])
            if result is not None and not result.ok:
                found.append(Found(organisation_id, CheckKind.EXTERNAL_LINK, title, f"{url[:300]}：{result.error}",
                                   url[:500], entry_id))
    return found, set(results), len(chosen)


def external_pairs(scan: Scan) -> set[str]:
    return {_key(CheckKind.EXTERNAL_LINK, entry_id, url[:500]) for entry_id, links in scan.external.items()
            for url in links}


@transaction.atomic
def store(found: list[Found], closeable, now=None) -> tuple[int, int]:
    """Upsert the findings; close the open ones ``closeable(finding)`` allows that were not found.
    Returns (opened or reopened, closed). A fixed number of queries whatever the number of findings."""
    now = now or timezone.now()
    by_key = {_key(f.kind, f.page_id, f.target): f for f in found}
    existing = {finding.key: finding for finding in Finding.objects.filter(key__in=list(by_key))}
    new = [Finding(key=key, organisation_id=item.organisation_id, kind=item.kind, subject=item.subject[:300],
                   detail=item.detail[:500], target=item.target[:500], page_id=item.page_id, first_found_at=now,
                   last_seen_at=now) for key, item in by_key.items() if key not in existing]
    Finding.objects.bulk_create(new, batch_size=500)
    reopened = sum(1 for finding in existing.values() if finding.closed_at is not None)
    changed = []
    for key, finding in existing.items():
        item = by_key[key]
        values = (item.subject[:300], item.detail[:500], item.organisation_id)
        if (finding.subject, finding.detail, finding.organisation_id) != values:
            finding.subject, finding.detail, finding.organisation_id = values
            changed.append(finding)
    if changed:
        Finding.objects.bulk_update(changed, ["subject", "detail", "organisation"], batch_size=500)
    if existing:
        Finding.objects.filter(key__in=list(existing)).update(closed_at=None, last_seen_at=now)
    stale = [finding.pk for finding in Finding.objects.filter(closed_at__isnull=True).exclude(key__in=list(by_key))
             if closeable(finding)]
    closed = Finding.objects.filter(pk__in=stale).update(closed_at=now) if stale else 0
    return len(new) + reopened, closed


def run_checks(today: datetime.date | None = None, external: bool = True, checker: LinkChecker | None = None,
               progress: Progress | None = None, run: CheckRun | None = None) -> CheckRun:
    """Run every check once, store and close findings; returns the run (also on failure, marked failed)."""
    today = today or timezone.localdate()
    say = progress or (lambda message: None)
    run = run or CheckRun.objects.create()
    CheckRun.objects.filter(pk=run.pk).update(status=RunStatus.RUNNING)
    try:
        scan = scan_entries()
        say(_("Live entries read: %(n)s") % {"n": scan.entries})
        found = check_internal_links(scan)
        say(_("Internal links: %(n)s problems") % {"n": len(found)})
        attachments = check_attachments(scan)
        say(_("Attachments: %(n)s problems") % {"n": len(attachments)})
        stale = check_stale_columns(today)
        say(_("Stale columns: %(n)s") % {"n": len(stale)})
        found += attachments + stale
        checked_urls, links_checked = set(), 0
        if external:
            external_found, checked_urls, links_checked = check_external_links(scan, checker or LinkChecker(), say)
            found += external_found
        current_pairs = external_pairs(scan)

        def closeable(finding: Finding) -> bool:
            if finding.kind != CheckKind.EXTERNAL_LINK:
                return True
            return finding.key not in current_pairs or finding.target in checked_urls

        opened, closed = store(found, closeable)
        run.status, run.entries_checked, run.links_checked = RunStatus.DONE, scan.entries, links_checked
        run.opened, run.closed, run.finished_at = opened, closed, timezone.now()
        run.save()
        say(_("Done: %(opened)s findings opened, %(closed)s closed") % {"opened": opened, "closed": closed})
    except Exception as error:
        CheckRun.objects.filter(pk=run.pk).update(status=RunStatus.FAILED, error=str(error)[:2000],
                                                  finished_at=timezone.now())
        raise
    return run
