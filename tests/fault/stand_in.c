/* stand_in.c: a shared library with none of the entry points sluice looks
 * up. 136-decoder-load.sh links each decoder library's soname to it in a
 * directory on LD_LIBRARY_PATH, so dlopen finds it first and sluice meets
 * a library it cannot use, as where the real one is missing or too old. */
int sluice_stand_in(void);

int
sluice_stand_in(void)
{
	return 0;
}
