"""Accounts and the audit trail: who may sign in, with which role, and the record of what everyone did."""
