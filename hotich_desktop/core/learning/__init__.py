"""The desk learns from every approved record of its office, and nothing leaves the machine.

terms.py (what a record teaches), lexicon.py (the commune's words, weighted by frequency), priors.py (what
the book's order says the next entry holds), refine.py (an OCR prefill corrected by both), service.py (the
door: `svc.learning`). Qt-free and network-free (import-linter forbids sockets and HTTP clients here).
"""
