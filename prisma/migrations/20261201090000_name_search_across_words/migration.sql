-- Organization search by name: pg_trgm splits a name into words, so "küste ber" asked for the
-- trigrams of "küste" and of "ber" apart and read every name holding both words anywhere (3,472
-- rows at a million organizations, half of them not "küste ber…"). Indexed with each space as "0"
-- (src/lib/search-keys.ts, WORD_JOINER), the trigrams span the words ("e0b", "0be"): the index
-- finds the names that hold the words side by side, and the query still checks the folded name
-- itself. Prisma's schema cannot name an expression index; the migration is where it lives.

-- DropIndex
DROP INDEX "Organization_nameSearch_trgm";

-- CreateIndex
CREATE INDEX "Organization_nameSearch_words_trgm" ON "Organization" USING GIN (replace("nameSearch", ' ', '0') gin_trgm_ops);
