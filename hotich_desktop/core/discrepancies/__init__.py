"""Discrepancy lists from the district and the population-data extract, checked against the digitised books."""
