// Takes the write lock of each name key (kind|normalized name), in a stable order, until the
// transaction ends. MERGE on the unique key makes a concurrent creator of the same key wait.
// `heldBefore`: some key had been taken by another transaction (or earlier in this one), which
// may have created an entity of that name since the caller looked: the caller looks again.
UNWIND $keys AS key
MERGE (l:NameLock {key: key})
SET l.taken = coalesce(l.taken, 0) + 1
RETURN coalesce(max(l.taken), 0) > 1 AS heldBefore
