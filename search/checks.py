"""System checks of the search layer (``manage.py check``; docs/install.md «Checks», «Several app servers»).

Messages in Chinese and English. The embedded index (tantivy) lives in one directory with one writer
process: it serves one host only. ``APP_SERVERS`` (default 1) tells how many app servers share this
configuration; media on a storage other than the local file system suggests several as well.
"""

from django.conf import settings
from django.core import checks

from cms.checks import bilingual, writable_directory
from cms.conf import setting

from .backends import BACKENDS, backend_kind, index_dir

LOCAL_STORAGE = "django.core.files.storage.FileSystemStorage"


@checks.register()
def check_search_backend(app_configs=None, **kwargs):
    kind = backend_kind()
    if kind not in BACKENDS:
        return [checks.Error(
            bilingual(f"搜索后端 SEARCH_BACKEND 设置为 “{kind}”，无法识别。",
                      f"Unknown search backend SEARCH_BACKEND={kind!r}."),
            hint=bilingual("可选 “embedded”（内置索引，单机）或 “elasticsearch”（多台服务器）。",
                           "Use 'embedded' (built-in index, one host) or 'elasticsearch' (several hosts)."),
            id="search.E001")]
    if kind == "elasticsearch":
        return _check_elasticsearch()
    return _check_embedded()


def _check_elasticsearch():
    problems = []
    if not setting("ELASTICSEARCH_URL", ""):
        problems.append(checks.Error(
            bilingual("搜索后端为 elasticsearch，但没有设置 ELASTICSEARCH_URL。",
                      "The search backend is elasticsearch but ELASTICSEARCH_URL is not set."),
            hint=bilingual("设置 ELASTICSEARCH_URL，例如 http://es.internal:9200。",
                           "Set ELASTICSEARCH_URL, e.g. http://es.internal:9200."),
            id="search.E002"))
    return problems


def _check_embedded():
    problems = []
    try:
        import tantivy  # noqa: F401
    except ImportError:
        problems.append(checks.Error(
            bilingual("内置搜索索引需要 tantivy 软件包，但未安装。", "The embedded index needs the tantivy package."),
            hint=bilingual("pip install tantivy，或改用 elasticsearch。", "pip install tantivy, or use elasticsearch."),
            id="search.E003"))
    directory = index_dir()
    if not writable_directory(directory):
        problems.append(checks.Error(
            bilingual(f"搜索索引目录 {directory} 无法写入（或无法创建）。",
                      f"The search index directory {directory} cannot be written (or created)."),
            hint=bilingual("把 SEARCH_INDEX_DIR（或 DATA_DIR）设为运行网站的用户可写的本机目录。",
                           "Set SEARCH_INDEX_DIR (or DATA_DIR) to a local directory the site's user can write."),
            id="search.E004"))
    servers = setting("APP_SERVERS", None)
    if servers is not None and int(servers) > 1:
        problems.append(checks.Error(
            bilingual(f"内置搜索索引只能用于单台服务器，而 APP_SERVERS={servers}。",
                      f"The embedded search index is single-host, but APP_SERVERS={servers}."),
            hint=bilingual("多台应用服务器请使用 Elasticsearch：SEARCH_BACKEND=\"elasticsearch\"（见 docs/install.md）。",
                           "With several app servers use Elasticsearch: SEARCH_BACKEND='elasticsearch' "
                           "(docs/install.md)."),
            id="search.E005"))
    elif servers is None:
        storage = (getattr(settings, "STORAGES", {}).get("default") or {}).get("BACKEND", LOCAL_STORAGE)
        if storage != LOCAL_STORAGE:
            problems.append(checks.Warning(
                bilingual("媒体文件使用共享存储，看起来有多台应用服务器；但内置搜索索引只能用于单台服务器。",
                          "Media are on shared storage, which suggests several app servers; the embedded "
                          "search index is single-host."),
                hint=bilingual("多台服务器：改用 Elasticsearch；只有一台：设置 APP_SERVERS = 1。",
                               "Several servers: use Elasticsearch; only one: set APP_SERVERS = 1."),
                id="search.W001"))
    return problems
