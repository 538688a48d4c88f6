# What a family of triggers costs statement writes: the same 2,000 restances of statements (1,000 of the busiest
# actor's, 1,000 spread over the record), timed with every trigger, then with the triggers whose names start with the
# given prefix dropped; each run inside a transaction that is rolled back, so the file is unchanged.
# Usage: python3 scripts/perf/trigger-write-cost.py DATABASE [PREFIX ...]   (default prefixes: Positions_ ActorCounts_)
import sqlite3, time, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None)
prefixes = sys.argv[2:] or ["Positions_", "ActorCounts_"]
busiest = db.execute("SELECT ActorId FROM Attributions GROUP BY ActorId ORDER BY COUNT(*) DESC LIMIT 1").fetchone()[0]
ids = [r[0] for r in db.execute("SELECT Id FROM Attributions WHERE ActorId = ? AND IsDeleted = 0 ORDER BY Id LIMIT 1000", (busiest,))]
ids += [r[0] for r in db.execute("SELECT Id FROM Attributions WHERE IsDeleted = 0 AND Id % 997 = 0 LIMIT 1000")]
flip = "UPDATE Attributions SET Stance = CASE Stance WHEN 'Asserts' THEN 'Denies' WHEN 'Denies' THEN 'Asserts' WHEN 'Endorses' THEN 'Doubts' ELSE 'Endorses' END WHERE Id = ?"
def run(label, drop):
    """drop: the trigger name prefix to drop for this run, or None."""
    best = None
    for _ in range(3):
        db.execute("BEGIN")
        if drop:
            for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE ? || '%'", (drop,)).fetchall():
                db.execute(f"DROP TRIGGER {name}")
        start = time.perf_counter()
        for i in ids:
            db.execute(flip, (i,))
        elapsed = time.perf_counter() - start
        db.execute("ROLLBACK")
        best = elapsed if best is None else min(best, elapsed)
    print(f"{label}: {len(ids)} restances in {best*1000:.0f} ms, {best*1e6/len(ids):.0f} µs each (best of 3)")
run("all triggers", None)
for prefix in prefixes:
    run(f"without the {prefix} triggers", prefix)
