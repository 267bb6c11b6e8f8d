"""Intake: taking page files from the scanner's folder into the archive and the store, once each."""
