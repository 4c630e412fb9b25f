/* library.h: a shared library loaded with dlopen when it is first needed,
 * its entry points looked up into a table of function pointers. sluice is
 * not linked with the libraries of its optional parts (Hyperscan, the
 * decompressors): loading them at start-up cost every run (the five
 * decompressors: 1.7 ms against 1.0 for `-m x /dev/null`), and most runs
 * never use them. */
#ifndef SLUICE_LIBRARY_H
#define SLUICE_LIBRARY_H

#include <pthread.h>
#include <stddef.h>

/* One entry point: its symbol, and where in the table its pointer goes
 * (offsetof the table's member). */
struct library_entry {
	const char *symbol;
	size_t offset;
};

/* Loads soname and stores each entry's address at table + its offset.
 * 0, with *handle for library_close; -1 when the library or one of the
 * entry points is missing, nothing left loaded. */
int library_open(const char *soname, const struct library_entry *entries,
    size_t count, void *table, void **handle);

/* Unloads what library_open loaded; NULL does nothing. */
void library_close(void *handle);

/* A library loaded at most once per process, by whichever thread needs it
 * first, and kept until the process ends: for a table every user shares.
 * Define it static with LIBRARY_ONCE. */
struct library_once {
	const char *soname;
	const struct library_entry *entries;
	size_t count;
	void *table;
	pthread_mutex_t lock;
	int tried;		/* under lock */
	int result;		/* library_open's, once tried */
	void *handle;
};

#define LIBRARY_ONCE(soname, entries, table) { (soname), (entries), \
	sizeof (entries) / sizeof (entries)[0], (table), \
	PTHREAD_MUTEX_INITIALIZER, 0, -1, NULL }

/* 0 when its table is filled (loading it the first time), -1 when it
 * cannot be loaded: the first answer stays. */
int library_load(struct library_once *);

#endif
