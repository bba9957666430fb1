// Guard pages: memory 0's loads and stores check no bounds. Each memory reserves address space
// for every address an access can form (a 32-bit address plus a 32-bit offset, and the widest
// access past it), of which only its current size is accessible; an access beyond faults, and
// the fault handler (guard_pages.c) turns the fault into the out-of-bounds trap the check would
// have given: it sets the trap and resumes the thread where the run of guest code returns to
// (`run` in handlers.c), as a handler that traps returns there.
//
// On Linux on x86-64, with threaded dispatch and `preserve_none` (the fault handler knows where
// that convention keeps `pc`). Elsewhere, or built with -DHEARTH_BOUNDS_CHECKS,
// every access checks its bounds. (On AArch64 a store that straddles the end of the memory may
// write its first bytes before it faults, which WebAssembly does not allow.)
#ifndef HEARTH_GUARD_PAGES_H
#define HEARTH_GUARD_PAGES_H

#include "hearth_runtime.h"

#if !defined(HEARTH_SWITCH_DISPATCH) && !defined(HEARTH_BOUNDS_CHECKS) && defined(__linux__) \
    && defined(__x86_64__) && __has_attribute(preserve_none)
#define HEARTH_GUARD_PAGES 1
#else
#define HEARTH_GUARD_PAGES 0
#endif

#if HEARTH_GUARD_PAGES
// The address space each memory reserves: 2^32 - 1 + 2^32 - 1, rounded up, and a page for the
// widest access (16 bytes) past that.
#define HEARTH_GUARDED_RESERVATION ((1ULL << 33) + 65536)

// Where a run of guest code on this thread returns to when one of its accesses faults. Runs
// nest (guest code calls the host, which calls guest code), so each keeps the one it replaced.
typedef struct HRecovery {
    const uint64_t *entrySP;  // the stack pointer on entry: where the return address into `run` is
    uint64_t entryFP;         // the frame pointer on entry
    HContext *ctx;
    struct HRecovery *outer;
} HRecovery;

extern __attribute__((tls_model("initial-exec"))) _Thread_local HRecovery *hearth_recovery;

// Notes the stack and frame pointers in `recovery` and jumps to `pc`'s handler: the handlers'
// convention with one more argument (guard_pages.c).
__attribute__((preserve_none)) void hearth_enter_recoverable(
    HContext *ctx, uint64_t memSize, const uint64_t *pc, char *fp, uint8_t *mem, uint64_t acc, HRecovery *recovery);

// Installs the fault handler, once per process; false if the system refused it.
int hearth_guard_pages_install(void);

// The handler word of the handler whose code holds `address` (handlers.c).
uint64_t hearth_handler_containing(uintptr_t address);
#endif

#endif
