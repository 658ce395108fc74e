"""Static files storage of the production settings (docs/deploy.md «Static files»)."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


def _pattern_text(pattern) -> str:
    return pattern[0] if isinstance(pattern, tuple) else pattern


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """WhiteNoise's compressed, hashed storage, without rewriting ``sourceMappingURL`` comments.

    Vendored minified files name source maps they do not ship (GraphiQL's ``graphiql.min.css`` names
    ``graphiql.min.css.map``); Django's manifest storage would refuse the whole collectstatic over a map
    that only a browser's developer tools ever ask for. ``url()`` and ``@import`` references are still
    hashed and checked."""

    patterns = tuple(
        (extension, tuple(pattern for pattern in patterns if "sourceMappingURL" not in _pattern_text(pattern)))
        for extension, patterns in CompressedManifestStaticFilesStorage.patterns
    )
