"""The project-level jobs (extract, update, build, status) the CLI calls."""
