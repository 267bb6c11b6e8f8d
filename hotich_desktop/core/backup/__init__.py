"""Backups of a whole workspace: the store (SQLite online backup or pg_dump), every file by hash, the audit.

Everything in a backup folder is encrypted with the office's passphrase (AES-256-GCM, key from scrypt), and
every write is atomic with the new snapshot's manifest written last, so a backup killed at any moment leaves
the previous one whole. See run.py for backup, verify and restore.
"""
