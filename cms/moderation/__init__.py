"""The procedure before publication (domain.md §5): workflow tasks, secrecy review, the personal-data guard.

What the secrecy review withholds from the public is applied by cms.visibility, the public view.
"""
