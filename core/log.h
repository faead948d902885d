/*
 * log: one-line messages on stderr.
 *
 * Messages are lowercase, without a full stop, and name the object they are
 * about (a file and line, a URL).  The level is checked before the message is
 * formatted, so debug logging on a hot path costs one comparison.
 */
#ifndef MUNISCAN_LOG_H
#define MUNISCAN_LOG_H

enum log_level { LOG_ERR = 0, LOG_WARN = 1, LOG_INFO = 2, LOG_DEBUG = 3 };

extern int log_level_current;

void log_set_level(int level);
void log_write(int level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#define log_err(...) log_write(LOG_ERR, __VA_ARGS__)
#define log_warn(...) \
	do { if (log_level_current >= LOG_WARN) log_write(LOG_WARN, __VA_ARGS__); } while (0)
#define log_info(...) \
	do { if (log_level_current >= LOG_INFO) log_write(LOG_INFO, __VA_ARGS__); } while (0)
#define log_debug(...) \
	do { if (log_level_current >= LOG_DEBUG) log_write(LOG_DEBUG, __VA_ARGS__); } while (0)

#endif
