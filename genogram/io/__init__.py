"""Reading and writing files: strict YAML, the family loader, schemas, safe output."""
