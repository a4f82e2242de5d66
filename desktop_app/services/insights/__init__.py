"""Analytics over one workspace: people (who speaks), patterns (what and when), the audit report, and
portable workspace files. Plain Python and SQL, no Qt; every figure takes (conn, since, until) epoch bounds,
where `since` is inclusive, `until` exclusive and None means unbounded."""
