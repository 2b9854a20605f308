// Takes the write lock of each name key (kind|normalized name), in a stable order, until the
// transaction ends. MERGE on the unique key makes a concurrent creator of the same key wait.
UNWIND $keys AS key
MERGE (l:NameLock {key: key})
SET l.taken = coalesce(l.taken, 0) + 1
