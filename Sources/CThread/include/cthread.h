// Starting a thread on another core: the scheduler calls Swift cannot make (affinity masks are
// GNU extensions behind _GNU_SOURCE, and CPU_SET is a macro).
#ifndef DASF_CTHREAD_H
#define DASF_CTHREAD_H

/// Starts `body(context)` on a detached thread allowed, at first, only the cores other than the
/// caller's (when there are others); once running it may go anywhere the process may. Returns 0,
/// or an error number when no thread was made (then `body` never runs).
int cth_start_elsewhere(void *(*body)(void *), void *context);

#endif
