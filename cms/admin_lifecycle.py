"""Withdraw (撤回) and archive (归档) in the admin."""
