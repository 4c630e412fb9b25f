/* size_text.h: sizes in words, the two ways sluice writes them: as the
 * options take them ("64K", "16M": --explain, messages that quote an
 * option's value) and for people reading a report ("1.5 MiB": --stats,
 * --progress). */
#ifndef SLUICE_SIZE_TEXT_H
#define SLUICE_SIZE_TEXT_H

#include <stddef.h>
#include <stdint.h>

/* bytes in the largest of K, M, G that divides it, else as bytes. */
void size_option_text(char *text, size_t room, uint64_t bytes);

/* bytes in B, KiB, MiB, GiB or TiB, one decimal past B. */
void size_human_text(char *text, size_t room, double bytes);

#endif
