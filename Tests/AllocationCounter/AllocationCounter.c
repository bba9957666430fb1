#include "AllocationCounter.h"

#include <stddef.h>

#if defined(__GLIBC__) || defined(__linux__)
// glibc's own entry points, which its malloc, calloc and realloc are aliases of.
extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t count, size_t size);
extern void *__libc_realloc(void *pointer, size_t size);

// Per thread: tests run in parallel, and only the measuring thread's allocations count.
static _Thread_local uint64_t count;

void *malloc(size_t size) {
    count++;
    return __libc_malloc(size);
}

void *calloc(size_t n, size_t size) {
    count++;
    return __libc_calloc(n, size);
}

void *realloc(void *pointer, size_t size) {
    count++;
    return __libc_realloc(pointer, size);
}

int allocation_counting_available(void) { return 1; }
uint64_t allocation_count(void) { return count; }
#else
int allocation_counting_available(void) { return 0; }
uint64_t allocation_count(void) { return 0; }
#endif
