// One lock node per kind and normalized name (src/graph/resolve.ts): a writer about to create an
// entity takes it first, so concurrent writers of one name, however spelt, create it once.
CREATE CONSTRAINT name_lock_key IF NOT EXISTS FOR (l:NameLock) REQUIRE l.key IS UNIQUE;
