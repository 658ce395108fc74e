"""Search layer: Chinese analysis, search documents, pluggable backends (tantivy, Elasticsearch)."""
