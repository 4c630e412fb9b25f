/* library.c: loading an optional library's entry points (see library.h).
 * dlsym returns data pointers; POSIX guarantees they convert to function
 * pointers, which are stored as the bytes they are. */
#include <config.h>
#include <dlfcn.h>
#include <string.h>

#include "base/dynamic_library.h"

_Static_assert(sizeof(void *) == sizeof(void (*)(void)),
    "function pointers are the size of data pointers");

int
library_open(const char *soname, const struct library_entry *entries,
    size_t count, void *table, void **handle)
{
	void *library = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
	size_t i;

	*handle = NULL;
	if (library == NULL)
		return -1;
	for (i = 0; i < count; i++) {
		void *entry = dlsym(library, entries[i].symbol);

		if (entry == NULL) {
			dlclose(library);
			return -1;
		}
		memcpy((char *)table + entries[i].offset, &entry,
		    sizeof entry);
	}
	*handle = library;
	return 0;
}

void
library_close(void *handle)
{
	if (handle != NULL)
		dlclose(handle);
}

int
library_load(struct library_once *library)
{
	int result;

	pthread_mutex_lock(&library->lock);
	if (!library->tried) {
		library->result = library_open(library->soname,
		    library->entries, library->count, library->table,
		    &library->handle);
		library->tried = 1;
	}
	result = library->result;
	pthread_mutex_unlock(&library->lock);
	return result;
}
