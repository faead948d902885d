/*
 * tmpdir: the temporary folders of the unit tests, each made fresh under
 * $TMPDIR and removed without a shell.
 */
#ifndef MUNISCAN_TEST_TMPDIR_H
#define MUNISCAN_TEST_TMPDIR_H

/* tmpdir_new: makes a fresh folder $TMPDIR/muniscan-test-NAME.XXXXXX
 * (/tmp when TMPDIR is unset or empty) and returns its path; fails the
 * test when it cannot be made.  Caller frees. */
char *tmpdir_new(const char *name);

/* tmpdir_remove: removes DIR and everything under it, without following
 * symbolic links; a DIR that does not exist is already removed.  Prints
 * one line on stderr for each entry it could not remove.  Returns 0 when
 * the whole tree is gone, -1 otherwise. */
int tmpdir_remove(const char *dir);

#endif
