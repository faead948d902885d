/*
 * paths: where muniscan finds its data folder (dict/).
 *
 * Order: --dict DIR, then $MUNISCAN_DICT, then the source tree's dict/ when
 * the binary runs from a build folder (one holding CMakeCache.txt), then
 * share/muniscan/dict beside the binary's bin/ folder (an installed tree,
 * wherever it was moved), then the share folder of the configured prefix.
 */
#ifndef MUNISCAN_PATHS_H
#define MUNISCAN_PATHS_H

/* paths_dict: the data folder (caller frees); option may be NULL.
 * MS_ENOTFOUND when none of the candidates is a folder. */
int paths_dict(char **out, const char *option);
/* paths_exe_dir: the folder holding the running binary (caller frees), or
 * NULL when /proc/self/exe cannot be read. */
char *paths_exe_dir(void);

#endif
