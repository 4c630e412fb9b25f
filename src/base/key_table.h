/* key_table.h: the distinct keys an answer stage (--count-by, --top,
 * --sum-by) adds numbers to, in memory the user bounds. Open addressing
 * (linear probing) over one array of entries; the keys' bytes in one
 * arena; nothing allocated per record. Exact while the keys' bytes plus
 * the table's own fit the limit (the entries, and a heap index reserved
 * for each key); past it, unless told to fail, Space-Saving (Metwally,
 * Agrawal and El Abbadi, 2005) over the same memory: the key with the
 * least is replaced by the new one, which takes over that amount as its
 * error, so every key whose true total exceeds N/capacity is held, and
 * each total is an upper bound. */
#ifndef SLUICE_KEY_TABLE_H
#define SLUICE_KEY_TABLE_H

#include <stddef.h>
#include <stdint.h>

#include "base/decimal_sum.h"

struct key_table_entry {
	size_t key;		/* where the key is in the arena, plus 1;
				 * 0: the slot is empty */
	uint64_t hash;
	struct decimal_sum value;
	uint32_t heap_at;	/* approximate: its place in the heap */
};

enum {
	KEY_TABLE_OK,
	KEY_TABLE_FULL,		/* exact only, and the limit is reached */
	KEY_TABLE_NO_MEMORY,
	KEY_TABLE_OVERFLOW,	/* a sum past 2^127 - 1 */
	KEY_TABLE_NOT_WHOLE,	/* approximate mode adds whole numbers from
				 * 0 only: Space-Saving's bound needs them */
	KEY_TABLE_KEY_TOO_LONG	/* one key is more than the limit holds */
};

/* The smallest limit key_table_new takes: the empty table's own size. */
#define KEY_TABLE_MEMORY_MIN ((size_t)4 << 10)

struct key_table_facts {
	uint64_t keys;		/* held now */
	int approximate;
	/* Approximate: every key whose true total passes total / keys is
	 * held, and each total held is over the truth by at most
	 * max_error (the least total a new key took over; the least
	 * total held never falls, so that is also the most any key not
	 * held can have had). */
	decimal_whole max_error;
	decimal_whole total;	/* N: the sum of every amount added */
	size_t memory;		/* counted against the limit */
};

/* A table that counts at most memory_limit bytes (from
 * KEY_TABLE_MEMORY_MIN); exact: reaching the limit is KEY_TABLE_FULL
 * instead of approximate mode. NULL when memory is out. */
struct key_table *key_table_new(size_t memory_limit, int exact);
void key_table_free(struct key_table *);

/* Adds amount to key's total (a new key starts from 0). KEY_TABLE_OK, or
 * why not (see above). */
int key_table_add(struct key_table *, const char *key, size_t len,
    const struct decimal_sum *amount);

void key_table_facts(const struct key_table *, struct key_table_facts *);

/* Ends adding and orders the keys: the largest total first, equal totals
 * in byte order of the key (a key before a longer one it begins). */
void key_table_sort(struct key_table *);

/* After key_table_sort: how many keys there are, and the i-th. */
size_t key_table_size(const struct key_table *);
const struct key_table_entry *key_table_at(const struct key_table *,
    size_t i, const char **key, size_t *len);

/* Which hash the table uses: "XXH3 (libxxhash)" where the library
 * loads, else the built-in one's name. */
const char *key_table_hash_name(void);

#endif
