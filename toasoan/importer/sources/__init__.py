"""Every source ``toasoan import`` reads, each turned into :class:`~toasoan.importer.services.ImportItem` s.

A reader takes one file and yields items, or :class:`SourceError` for what cannot be imported
(with the reason in Vietnamese); one bad item never stops the others. Nothing is fetched from the
network: images are looked up among local files only. XML is parsed with entity expansion and
external references refused (billion-laughs and XXE inputs are rejected with a message).
"""
