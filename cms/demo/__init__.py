"""Builders of sample content: stream-field bodies with a block of every type (``body``) and generated
attachments and photos (``files``). The demo app (``demo/``, docs/install.md) and the bulk generator
(``manage.py generate_entries``, cms/bulk.py) both use them; the demo data set itself is the ``demo`` app.
"""
