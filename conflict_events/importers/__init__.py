"""Other datasets' files converted into this project's tables, as separate data packages."""
