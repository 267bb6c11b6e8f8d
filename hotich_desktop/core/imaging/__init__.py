"""Page images: reading scanner files safely, finding entries, cutting one PDF per entry."""
