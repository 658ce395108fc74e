"""Files follow their entry: who may download an attachment or an image rendition."""
