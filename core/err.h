/*
 * err: error codes and the last error message of this thread.
 *
 * Functions that can fail return 0 or one of the negative codes below.  The
 * message is set once, where the failure is understood (naming the file and
 * line, or the URL), with err_set(); callers pass the code up unchanged and
 * the command that gives up prints err_msg().
 */
#ifndef MUNISCAN_ERR_H
#define MUNISCAN_ERR_H

enum ms_error {
	MS_OK = 0,
	MS_ERROR = -1,    /* generic runtime failure */
	MS_EIO = -2,      /* file system */
	MS_EINVAL = -3,   /* malformed input (file, line named in the message) */
	MS_EDB = -4,      /* database */
	MS_ENET = -5,     /* network */
	MS_ELIMIT = -6,   /* a size or count cap was reached */
	MS_ENOTFOUND = -7,
	MS_EUSAGE = -8    /* bad command line */
};

/* err_set: records the message for this thread and returns code. */
int err_set(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* err_msg: the last message set on this thread ("" if none); borrowed. */
const char *err_msg(void);
void err_clear(void);

#endif
