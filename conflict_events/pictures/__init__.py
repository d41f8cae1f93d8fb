"""Pictures of a release for people: a map of its events and a timeline, drawn offline
from outlines shipped with installed packages and with this one."""
