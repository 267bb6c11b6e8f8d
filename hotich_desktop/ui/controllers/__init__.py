"""The window's controllers, one job each (after Vorta's views/): the page list, the entry being typed,
review, the outbox, intake and the status bar. Each listens to `Ops.changed` and refreshes only what the
`Changes` touch; none opens a store session on the GUI thread (reads are `QueryOp`s, writes `WriteOp`s)."""
