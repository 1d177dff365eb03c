"""Session packs: what a reflective discussion needs in one document, and what it decided."""
