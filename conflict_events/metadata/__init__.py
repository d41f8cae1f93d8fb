"""The data package's metadata: Table Schemas and the descriptor that ties them to files."""

from conflict_events.metadata.package import (
    DESCRIPTOR_NAME,
    DataPackage,
    PackageError,
    Resource,
    canonical_tables,
    default_descriptor,
    is_url,
    load_package,
    metadata_errors,
    path_inside,
    paths_inside,
)
from conflict_events.metadata.schema import (
    Field,
    ForeignKey,
    TableSchema,
    published_schema,
)

__all__ = [
    "DESCRIPTOR_NAME",
    "DataPackage",
    "Field",
    "ForeignKey",
    "PackageError",
    "Resource",
    "TableSchema",
    "canonical_tables",
    "default_descriptor",
    "is_url",
    "load_package",
    "metadata_errors",
    "path_inside",
    "paths_inside",
    "published_schema",
]
