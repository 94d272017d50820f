#define _GNU_SOURCE
#include "cthread.h"
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>

struct cth_start {
    void *(*body)(void *);
    void *context;
    cpu_set_t allowed;
};

static void *cth_trampoline(void *raw) {
    struct cth_start start = *(struct cth_start *)raw;
    free(raw);
    sched_setaffinity(0, sizeof start.allowed, &start.allowed);
    return start.body(start.context);
}

int cth_start_elsewhere(void *(*body)(void *), void *context) {
    struct cth_start *start = malloc(sizeof *start);
    if (start == NULL) return ENOMEM;
    start->body = body;
    start->context = context;
    pthread_attr_t attributes;
    int failed = pthread_attr_init(&attributes);
    if (failed) { free(start); return failed; }
    if (sched_getaffinity(0, sizeof start->allowed, &start->allowed) == 0) {
        cpu_set_t others = start->allowed;
        int here = sched_getcpu();
        if (here >= 0) CPU_CLR(here, &others);
        if (CPU_COUNT(&others) > 0) pthread_attr_setaffinity_np(&attributes, sizeof others, &others);
    } else {
        CPU_ZERO(&start->allowed);
        for (int cpu = 0; cpu < CPU_SETSIZE; cpu++) CPU_SET(cpu, &start->allowed);
    }
    pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
    pthread_t thread;
    failed = pthread_create(&thread, &attributes, cth_trampoline, start);
    pthread_attr_destroy(&attributes);
    if (failed) free(start);
    return failed;
}
