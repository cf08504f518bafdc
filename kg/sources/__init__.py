"""Sources: readers that turn input files into typed model records."""
