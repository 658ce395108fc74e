"""Build step of the distribution (docs/install.md «What the wheel holds»).

Everything is declared in pyproject.toml; this file only adds what is made while the wheel is built:

* the translations ``cms/locale/<lang>/LC_MESSAGES/django.po`` with their compiled ``django.mo`` (with
  polib, a build requirement: a host needs no GNU gettext; .mo files are not committed). Django reads an
  installed app's ``locale/``, so a host that lists ``cms`` gets the Chinese interface without
  ``LOCALE_PATHS`` — as this repository's own site does;
* ``graphql/schema.graphql`` and ``graphql/operations/*.graphql`` → ``graphql_api/contract_files/``:
  the committed GraphQL contract the portal's client runs (graphql_api.contract finds either copy); it
  lives at the repository root, outside any package.

An editable install (scripts/setup.sh) copies nothing: the repository's own files are used in place.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


class BuildWithSharedFiles(build_py):
    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return
        build = Path(self.build_lib)
        self._copy_locale(build / "cms" / "locale")
        self._copy_contract(build / "graphql_api" / "contract_files")

    def _copy_locale(self, target: Path) -> None:
        import polib

        sources = sorted((ROOT / "cms" / "locale").glob("*/LC_MESSAGES/*.po"))
        if not sources:
            raise SystemExit("cms/locale/*/LC_MESSAGES/*.po not found: build from the repository or its sdist.")
        for po_path in sources:
            relative = po_path.relative_to(ROOT / "cms" / "locale")
            destination = target / relative
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(po_path, destination)
            polib.pofile(str(po_path)).save_as_mofile(str(destination.with_suffix(".mo")))

    def _copy_contract(self, target: Path) -> None:
        source = ROOT / "graphql"
        if not (source / "schema.graphql").is_file():
            raise SystemExit("graphql/schema.graphql not found: build from the repository or its sdist.")
        (target / "operations").mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source / "schema.graphql", target / "schema.graphql")
        for operation in sorted((source / "operations").glob("*.graphql")):
            shutil.copyfile(operation, target / "operations" / operation.name)


setup(cmdclass={"build_py": BuildWithSharedFiles})
