"""XML parsing for imports: no entity expansion, no DTD entities, no external references."""

from __future__ import annotations

from xml.etree.ElementTree import Element

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError as XMLParseError
from defusedxml.ElementTree import fromstring

from toasoan.importer.parsers.textlines import ParseError


def parse_xml(data: bytes) -> Element:
    """The root element; ParseError (Vietnamese) for malformed XML or any entity/DTD trick."""
    try:
        return fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise ParseError(
            "tệp XML khai báo thực thể (ENTITY) hoặc tham chiếu bên ngoài: bị từ chối vì an toàn "
            f"({type(exc).__name__})"
        ) from exc
    except XMLParseError as exc:
        raise ParseError(f"tệp XML hỏng: {exc}") from exc
    except RecursionError as exc:
        raise ParseError("tệp XML lồng nhau quá sâu") from exc
