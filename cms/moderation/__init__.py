"""The procedure before publication (domain.md §5): workflow tasks, secrecy review, the personal-data guard."""
