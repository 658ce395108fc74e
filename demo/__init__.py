"""The demo data set: an invented county (示范县) with its townships, villages and departments, demo
accounts, catalogues from the standard templates and a few hundred entries over two years.

Everything is invented: names are random combinations, telephone numbers are obvious office numbers,
addresses stop at the township. Run it with ``manage.py load_demo``; see demo.loader.load_demo. An app of
its own (demo.apps.DemoConfig) that a county's installation leaves out (docs/install.md).
"""
