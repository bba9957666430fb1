// Counts the heap allocations a thread makes, so a test can check that a path allocates
// nothing. The test binary's malloc, calloc and realloc count and then call glibc's; every
// library in the process calls them (an executable's definition comes first in symbol
// lookup), the Swift runtime included.
#ifndef ALLOCATION_COUNTER_H
#define ALLOCATION_COUNTER_H

#include <stdint.h>

/// 1 when allocations are counted (glibc), 0 where they cannot be.
int allocation_counting_available(void);

/// How many times this thread has called malloc, calloc or realloc so far.
uint64_t allocation_count(void);

#endif
