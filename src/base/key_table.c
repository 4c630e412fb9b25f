/* key_table.c: the answer stages' table of distinct keys (see
 * key_table.h): open addressing with backward-shift deletion, keys in an
 * arena compacted in place, Space-Saving over a min-heap past the limit,
 * and an in-place heapsort at the end, so no step needs memory beyond what
 * is counted. */
#include <config.h>
#include <stdlib.h>
#include <string.h>

#include "base/dynamic_library.h"
#include "base/key_table.h"

/* An arena record: a header (the key's length, DEAD_BIT once its key is
 * evicted), then the key's bytes. */
#define HEADER_SIZE sizeof(uint64_t)
#define DEAD_BIT ((uint64_t)1 << 63)

#define SLOTS_START 16
#define ARENA_START 1024

struct key_table {
	struct key_table_entry *slots;
	size_t slot_count;	/* a power of 2 */
	size_t keys;
	char *arena;
	size_t arena_used, arena_capacity, arena_dead;
	uint32_t *heap;		/* approximate: slot indexes, least first */
	size_t limit;
	int exact;
	int approximate;
	int only_whole;		/* every amount so far was whole, from 0 */
	decimal_whole max_error;	/* approximate: the most a new key
					 * took over */
	decimal_whole total;
	int sorted;
};

/* The hash: XXH3 from libxxhash where it loads (dlopen, as the decoders'
 * libraries: most runs never count), else FNV-1a with a final mix.
 * Measured (perf, -f 4 --count-by over 256 MiB of genlog, 115,000 keys):
 * XXH3 took 0.6% of the run, probing the entries and comparing keys
 * (cache misses) about 45%: the table's layout, not the hash, is what
 * to work on next. The hash matters for long keys: whole lines as keys
 * (-r 's/[0-9]+/#/g' --count-by over the same 256 MiB, 128,503 keys of
 * about 80 bytes, medians of 5) took 1.67 s with XXH3 and 2.15 s with
 * FNV-1a; on -f 4's short keys the two were within noise (0.94, 0.92). */
struct xxhash_table {
	uint64_t (*xxh3_64bits)(const void *, size_t);
};

static struct xxhash_table xxhash;
static const struct library_entry xxhash_entries[] = {
	{ "XXH3_64bits", offsetof(struct xxhash_table, xxh3_64bits) },
};
static struct library_once xxhash_library = LIBRARY_ONCE("libxxhash.so.0",
    xxhash_entries, &xxhash);

static uint64_t
fnv1a_hash(const void *bytes, size_t len)
{
	const unsigned char *s = bytes;
	uint64_t hash = 0xcbf29ce484222325u;
	size_t i;

	for (i = 0; i < len; i++)
		hash = (hash ^ s[i]) * 0x100000001b3u;
	/* Linear probing takes the low bits: mix the high ones down. */
	hash ^= hash >> 32;
	hash *= 0xd6e8feb86659fd93u;
	return hash ^ hash >> 32;
}

static int
xxhash_loaded(void)
{
	return library_load(&xxhash_library) == 0;
}

static uint64_t
key_hash(const char *key, size_t len)
{
	return xxhash.xxh3_64bits != NULL ? xxhash.xxh3_64bits(key, len)
	    : fnv1a_hash(key, len);
}

const char *
key_table_hash_name(void)
{
	return xxhash_loaded() ? "XXH3 (libxxhash)" : "FNV-1a (libxxhash "
	    "not found)";
}

/* The bytes counted against the limit: the arena, the entries, and a
 * heap index for each key, held back for approximate mode. */
static size_t
memory_counted(size_t arena_capacity, size_t slot_count, size_t keys)
{
	return arena_capacity + slot_count * sizeof(struct key_table_entry) +
	    keys * sizeof(uint32_t);
}

struct key_table *
key_table_new(size_t memory_limit, int exact)
{
	struct key_table *table = calloc(1, sizeof *table);

	if (table == NULL)
		return NULL;
	(void)xxhash_loaded();
	table->slots = calloc(SLOTS_START, sizeof *table->slots);
	table->arena = malloc(ARENA_START);
	if (table->slots == NULL || table->arena == NULL) {
		key_table_free(table);
		return NULL;
	}
	table->slot_count = SLOTS_START;
	table->arena_capacity = ARENA_START;
	table->limit = memory_limit < KEY_TABLE_MEMORY_MIN
	    ? KEY_TABLE_MEMORY_MIN : memory_limit;
	table->exact = exact;
	table->only_whole = 1;
	return table;
}

void
key_table_free(struct key_table *table)
{
	if (table == NULL)
		return;
	free(table->slots);
	free(table->arena);
	free(table->heap);
	free(table);
}

static const char *
entry_key(const struct key_table *table, const struct key_table_entry *entry,
    size_t *len)
{
	uint64_t header;

	memcpy(&header, table->arena + entry->key - 1, HEADER_SIZE);
	*len = (size_t)(header & ~DEAD_BIT);
	return table->arena + entry->key - 1 + HEADER_SIZE;
}

/* The slot holding key, or the empty slot where it would go. */
static size_t
find_slot(const struct key_table *table, uint64_t hash, const char *key,
    size_t len)
{
	size_t mask = table->slot_count - 1, i = (size_t)hash & mask;

	for (;; i = (i + 1) & mask) {
		const struct key_table_entry *entry = &table->slots[i];
		const char *held;
		size_t held_len;

		if (entry->key == 0)
			return i;
		if (entry->hash != hash)
			continue;
		held = entry_key(table, entry, &held_len);
		if (held_len == len && memcmp(held, key, len) == 0)
			return i;
	}
}

/* Min-heap of slot indexes by value (approximate mode: whole values). */

static decimal_whole
heap_value(const struct key_table *table, size_t at)
{
	return table->slots[table->heap[at]].value.whole;
}

static void
heap_place(struct key_table *table, size_t at, uint32_t slot)
{
	table->heap[at] = slot;
	table->slots[slot].heap_at = (uint32_t)at;
}

static void
heap_sift_down(struct key_table *table, size_t at)
{
	uint32_t moving = table->heap[at];
	decimal_whole value = table->slots[moving].value.whole;

	for (;;) {
		size_t child = 2 * at + 1;

		if (child >= table->keys)
			break;
		if (child + 1 < table->keys && heap_value(table, child + 1) <
		    heap_value(table, child))
			child++;
		if (heap_value(table, child) >= value)
			break;
		heap_place(table, at, table->heap[child]);
		at = child;
	}
	heap_place(table, at, moving);
}

static void
heap_sift_up(struct key_table *table, size_t at)
{
	uint32_t moving = table->heap[at];
	decimal_whole value = table->slots[moving].value.whole;

	while (at > 0 && heap_value(table, (at - 1) / 2) > value) {
		heap_place(table, at, table->heap[(at - 1) / 2]);
		at = (at - 1) / 2;
	}
	heap_place(table, at, moving);
}

/* Empties slot i, moving back the entries after it that probed past it
 * (linear probing needs no tombstones so). */
static void
slot_delete(struct key_table *table, size_t i)
{
	size_t mask = table->slot_count - 1, j = i;

	for (;;) {
		size_t home;

		j = (j + 1) & mask;
		if (table->slots[j].key == 0)
			break;
		home = (size_t)table->slots[j].hash & mask;
		/* An entry whose home lies cyclically in (i, j] stays. */
		if (i <= j ? (i < home && home <= j) : (i < home || home <= j))
			continue;
		table->slots[i] = table->slots[j];
		if (table->approximate)
			table->heap[table->slots[i].heap_at] = (uint32_t)i;
		i = j;
	}
	table->slots[i].key = 0;
}

/* Approximate mode: drops the key with the least (the heap's top); its
 * value. */
static decimal_whole
evict_least(struct key_table *table)
{
	uint32_t slot = table->heap[0];
	struct key_table_entry *entry = &table->slots[slot];
	decimal_whole least = entry->value.whole;
	uint64_t header;

	memcpy(&header, table->arena + entry->key - 1, HEADER_SIZE);
	table->arena_dead += HEADER_SIZE + (size_t)header;
	header |= DEAD_BIT;
	memcpy(table->arena + entry->key - 1, &header, HEADER_SIZE);
	table->keys--;
	if (table->keys > 0) {
		heap_place(table, 0, table->heap[table->keys]);
		heap_sift_down(table, 0);
	}
	slot_delete(table, slot);
	return least;
}

/* Moves the live keys to the arena's front, in place, and points their
 * entries at where they went. */
static void
arena_compact(struct key_table *table)
{
	size_t from = 0, to = 0;

	while (from < table->arena_used) {
		uint64_t header;
		size_t len, size;

		memcpy(&header, table->arena + from, HEADER_SIZE);
		len = (size_t)(header & ~DEAD_BIT);
		size = HEADER_SIZE + len;
		if (!(header & DEAD_BIT)) {
			const char *key = table->arena + from + HEADER_SIZE;
			uint64_t hash = key_hash(key, len);
			size_t mask = table->slot_count - 1;
			size_t i = (size_t)hash & mask;

			while (table->slots[i].key != from + 1)
				i = (i + 1) & mask;
			table->slots[i].key = to + 1;
			memmove(table->arena + to, table->arena + from, size);
			to += size;
		}
		from += size;
	}
	table->arena_used = to;
	table->arena_dead = 0;
}

/* Grows the arena to hold need more bytes, or the entries for one key
 * more, within the limit: 0, KEY_TABLE_FULL or KEY_TABLE_NO_MEMORY. */
static int
exact_make_room(struct key_table *table, size_t need)
{
	size_t entries = table->slot_count * sizeof *table->slots;

	if (need > table->arena_capacity - table->arena_used) {
		size_t wanted = table->arena_used + need, capacity;
		size_t most = table->limit - memory_counted(0, table->slot_count,
		    table->keys + 1);
		char *grown;

		if (memory_counted(wanted, table->slot_count, table->keys + 1) >
		    table->limit)
			return KEY_TABLE_FULL;
		capacity = table->arena_capacity * 2 > wanted
		    ? table->arena_capacity * 2 : wanted;
		if (capacity > most)
			capacity = most;
		grown = realloc(table->arena, capacity);
		if (grown == NULL)
			return KEY_TABLE_NO_MEMORY;
		table->arena = grown;
		table->arena_capacity = capacity;
	}
	/* At most 3/4 full, where linear probing stays short. Old and new
	 * entries are both held while they move: both are counted. */
	if ((table->keys + 1) * 4 > table->slot_count * 3) {
		size_t count = table->slot_count * 2, i;
		struct key_table_entry *old = table->slots, *slots;

		if (memory_counted(table->arena_capacity, count,
		    table->keys + 1) + entries > table->limit)
			return KEY_TABLE_FULL;
		slots = calloc(count, sizeof *slots);
		if (slots == NULL)
			return KEY_TABLE_NO_MEMORY;
		for (i = 0; i < table->slot_count; i++) {
			size_t j = (size_t)old[i].hash & (count - 1);

			if (old[i].key == 0)
				continue;
			while (slots[j].key != 0)
				j = (j + 1) & (count - 1);
			slots[j] = old[i];
		}
		free(old);
		table->slots = slots;
		table->slot_count = count;
	}
	return KEY_TABLE_OK;
}

/* The limit is reached: from here on, Space-Saving over the keys held,
 * with the arena grown into what the limit has left. */
static int
become_approximate(struct key_table *table)
{
	size_t i, at = 0;
	size_t counted = memory_counted(table->arena_capacity,
	    table->slot_count, table->keys);
	size_t spare = counted < table->limit ? table->limit - counted : 0;
	char *grown;

	if (!table->only_whole)
		return KEY_TABLE_NOT_WHOLE;
	table->heap = calloc(table->keys + 1, sizeof *table->heap);
	if (table->heap == NULL)
		return KEY_TABLE_NO_MEMORY;
	if (spare > 0 && (grown = realloc(table->arena,
	    table->arena_capacity + spare)) != NULL) {
		table->arena = grown;
		table->arena_capacity += spare;
	}
	for (i = 0; i < table->slot_count; i++)
		if (table->slots[i].key != 0)
			heap_place(table, at++, (uint32_t)i);
	for (i = table->keys / 2; i > 0; i--)
		heap_sift_down(table, i - 1);
	table->approximate = 1;
	return KEY_TABLE_OK;
}

/* Approximate mode: room in the arena for need bytes, by compacting,
 * then by evicting the least keys till an eighth of the arena is free
 * (so compacting again is far off); need is at most the arena's size. */
static void
approximate_make_room(struct key_table *table, size_t need)
{
	if (need <= table->arena_capacity - table->arena_used)
		return;
	arena_compact(table);
	while (table->keys > 0 && need + table->arena_capacity / 8 >
	    table->arena_capacity - table->arena_used) {
		(void)evict_least(table);
		arena_compact(table);
	}
}

static size_t
arena_append(struct key_table *table, const char *key, size_t len)
{
	uint64_t header = len;
	size_t at = table->arena_used;

	memcpy(table->arena + at, &header, HEADER_SIZE);
	if (len > 0)
		memcpy(table->arena + at + HEADER_SIZE, key, len);
	table->arena_used += HEADER_SIZE + len;
	return at + 1;
}

/* Approximate mode: key is new, and takes the place of the least. */
static int
replace_least(struct key_table *table, const char *key, size_t len,
    uint64_t hash, const struct decimal_sum *amount)
{
	decimal_whole least;
	struct key_table_entry *entry;
	size_t slot;

	if (HEADER_SIZE + len > table->arena_capacity)
		return KEY_TABLE_KEY_TOO_LONG;
	least = table->keys > 0 ? evict_least(table) : 0;
	approximate_make_room(table, HEADER_SIZE + len);
	slot = find_slot(table, hash, key, len);
	entry = &table->slots[slot];
	entry->key = arena_append(table, key, len);
	entry->hash = hash;
	entry->value = *amount;
	entry->value.whole += least;
	if (least > table->max_error)
		table->max_error = least;
	table->heap[table->keys++] = (uint32_t)slot;
	heap_sift_up(table, table->keys - 1);
	return KEY_TABLE_OK;
}

int
key_table_add(struct key_table *table, const char *key, size_t len,
    const struct decimal_sum *amount)
{
	uint64_t hash = key_hash(key, len);
	size_t slot = find_slot(table, hash, key, len);
	struct key_table_entry *entry = &table->slots[slot];
	int whole = !amount->has_fraction && amount->whole >= 0;
	decimal_whole total;
	int result;

	if (table->approximate && !whole)
		return KEY_TABLE_NOT_WHOLE;
	if (__builtin_add_overflow(table->total, amount->whole, &total))
		return KEY_TABLE_OVERFLOW;
	if (entry->key != 0) {
		if (decimal_add(&entry->value, amount) != DECIMAL_OK)
			return KEY_TABLE_OVERFLOW;
		if (table->approximate)
			heap_sift_down(table, entry->heap_at);
	} else if (!table->approximate) {
		if (HEADER_SIZE + len > table->limit)
			return table->exact ? KEY_TABLE_FULL
			    : KEY_TABLE_KEY_TOO_LONG;
		result = exact_make_room(table, HEADER_SIZE + len);
		if (result == KEY_TABLE_FULL && !table->exact)
			result = become_approximate(table);
		if (result != KEY_TABLE_OK)
			return result;
		if (table->approximate) {
			table->only_whole = whole;
			result = replace_least(table, key, len, hash, amount);
			if (result != KEY_TABLE_OK)
				return result;
		} else {
			slot = find_slot(table, hash, key, len);
			entry = &table->slots[slot];
			entry->key = arena_append(table, key, len);
			entry->hash = hash;
			entry->value = *amount;
			table->keys++;
		}
	} else {
		result = replace_least(table, key, len, hash, amount);
		if (result != KEY_TABLE_OK)
			return result;
	}
	table->only_whole &= whole;
	table->total = total;
	return KEY_TABLE_OK;
}

void
key_table_facts(const struct key_table *table, struct key_table_facts *facts)
{
	memset(facts, 0, sizeof *facts);
	facts->keys = table->keys;
	facts->approximate = table->approximate;
	facts->max_error = table->max_error;
	facts->total = table->total;
	facts->memory = memory_counted(table->arena_capacity,
	    table->slot_count, table->keys);
}

/* The order of the answer: <0 when a comes before b. */
static int
entry_order(const struct key_table *table, const struct key_table_entry *a,
    const struct key_table_entry *b)
{
	int by_value = decimal_compare(&b->value, &a->value);
	const char *a_key, *b_key;
	size_t a_len, b_len;
	int by_bytes;

	if (by_value != 0)
		return by_value;
	a_key = entry_key(table, a, &a_len);
	b_key = entry_key(table, b, &b_len);
	by_bytes = memcmp(a_key, b_key, a_len < b_len ? a_len : b_len);
	if (by_bytes != 0)
		return by_bytes;
	return a_len < b_len ? -1 : a_len > b_len;
}

static void
entry_swap(struct key_table_entry *a, struct key_table_entry *b)
{
	struct key_table_entry held = *a;

	*a = *b;
	*b = held;
}

/* Heapsort's sift over entries[0, count): the one that comes last on
 * top. */
static void
sort_sift(const struct key_table *table, struct key_table_entry *entries,
    size_t at, size_t count)
{
	for (;;) {
		size_t child = 2 * at + 1;

		if (child >= count)
			return;
		if (child + 1 < count && entry_order(table, &entries[child],
		    &entries[child + 1]) < 0)
			child++;
		if (entry_order(table, &entries[at], &entries[child]) >= 0)
			return;
		entry_swap(&entries[at], &entries[child]);
		at = child;
	}
}

void
key_table_sort(struct key_table *table)
{
	struct key_table_entry *entries = table->slots;
	size_t count = 0, i;

	if (table->sorted)
		return;
	/* The entries to the front: the table's own array, sorted in place
	 * (qsort may allocate a copy). */
	for (i = 0; i < table->slot_count; i++)
		if (entries[i].key != 0)
			entries[count++] = entries[i];
	table->sorted = 1;
	for (i = count / 2; i > 0; i--)
		sort_sift(table, entries, i - 1, count);
	for (i = count; i > 1; i--) {
		entry_swap(&entries[0], &entries[i - 1]);
		sort_sift(table, entries, 0, i - 1);
	}
}

size_t
key_table_size(const struct key_table *table)
{
	return table->sorted ? table->keys : 0;
}

const struct key_table_entry *
key_table_at(const struct key_table *table, size_t i, const char **key,
    size_t *len)
{
	const struct key_table_entry *entry = &table->slots[i];

	*key = entry_key(table, entry, len);
	return entry;
}
