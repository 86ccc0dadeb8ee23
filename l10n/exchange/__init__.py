"""Exchange formats for CAT tools and translation memories: XLIFF 1.2/2.0 and TMX 1.4."""
