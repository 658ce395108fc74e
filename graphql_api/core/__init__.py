"""Shared parts of the portal API: request context, loaders, permissions, pagination, errors, limits."""
