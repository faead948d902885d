/*
 * log: stderr logging with a level check before formatting (see log.h).
 */
#include "log.h"

#include <stdarg.h>
#include <stdio.h>

int log_level_current = LOG_INFO;

void
log_set_level(int level)
{
	log_level_current = level;
}

void
log_write(int level, const char *fmt, ...)
{
	static const char *const prefix[] = { "error: ", "warning: ", "", "debug: " };
	char line[2048];
	va_list ap;

	if (level > log_level_current)
		return;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	/* one fputs so lines from threads do not interleave */
	fprintf(stderr, "muniscan: %s%s\n", prefix[level < 0 ? 0 : level > 3 ? 3 : level], line);
}
