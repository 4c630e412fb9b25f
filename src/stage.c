/* stage.c: what all stages share beyond the interface: freeing a chain. */
#include <config.h>
#include "stage.h"

void
stage_free_chain(struct stage *last)
{
	while (last != NULL) {
		struct stage *up = last->up;

		last->ops->free(last);
		last = up;
	}
}
