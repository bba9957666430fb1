// The fault handler of guard pages (guard_pages.h): a fault in a handler's code, at an address
// in the reservation of the running instance's memory 0, is an out-of-bounds access and becomes
// its trap. Every other fault goes to the handler that was installed before.
#define _GNU_SOURCE
#include "guard_pages.h"

#if HEARTH_GUARD_PAGES
#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <ucontext.h>

__attribute__((tls_model("initial-exec"))) _Thread_local HRecovery *hearth_recovery;

// `recovery` arrives in rdx (the seventh argument under preserve_none); the return address into
// `run` is at the stack pointer.
_Static_assert(offsetof(HRecovery, entrySP) == 0 && offsetof(HRecovery, entryFP) == 8, "hearth_enter_recoverable");
__asm__(
    ".text\n"
    ".p2align 4\n"
    ".globl hearth_enter_recoverable\n"
    ".hidden hearth_enter_recoverable\n"
    ".type hearth_enter_recoverable, @function\n"
    "hearth_enter_recoverable:\n"
    "    movq %rsp, (%rdx)\n"
    "    movq %rbp, 8(%rdx)\n"
    "    jmpq *(%r14)\n"
    ".size hearth_enter_recoverable, .-hearth_enter_recoverable\n");

// Every handler's code, between these symbols the linker defines (`HANDLER` puts each handler
// in the section).
extern const char __start_hearth_handlers[], __stop_hearth_handlers[];

static struct sigaction previousAction;
static pthread_once_t installOnce = PTHREAD_ONCE_INIT;
static int installed;

// Hands a fault that is not ours to the handler installed before.
static void passOn(int signal, siginfo_t *info, void *context) {
    if (previousAction.sa_handler == SIG_DFL || previousAction.sa_handler == SIG_IGN) {
        // Returning runs the faulting instruction again, which now ends the process as it
        // would have without us (an ignored fault would only repeat forever).
        struct sigaction fallback = {.sa_handler = SIG_DFL};
        sigaction(signal, &fallback, NULL);
    } else if (previousAction.sa_flags & SA_SIGINFO) {
        previousAction.sa_sigaction(signal, info, context);
    } else {
        previousAction.sa_handler(signal);
    }
}

static void onFault(int signal, siginfo_t *info, void *context) {
    ucontext_t *state = context;
    // Where the fault happened, and `pc`: the handlers' third argument, which their calling
    // convention (preserve_none) keeps in r14.
    uintptr_t at = (uintptr_t)state->uc_mcontext.gregs[REG_RIP];
    const uint64_t *pc = (const uint64_t *)state->uc_mcontext.gregs[REG_R14];
    HRecovery *recovery = hearth_recovery;
    // si_code > 0: a fault the processor raised (a signal sent by a process has no address).
    if (recovery && info->si_code > 0 && at >= (uintptr_t)__start_hearth_handlers
        && at < (uintptr_t)__stop_hearth_handlers) {
        HContext *ctx = recovery->ctx;
        const HMemory *memory = ctx->instance ? ctx->instance->memory : NULL;
        if (memory && (uintptr_t)info->si_addr - (uintptr_t)memory->base < memory->reserved) {
            ctx->trap = HTRAP_MEMORY_OUT_OF_BOUNDS;
            ctx->trapPC = pc;
            ctx->faultHandler = hearth_handler_containing(at);
            // Resume as if the handler returned to `run`: `run` called it under preserve_none,
            // so it expects every register but the stack and frame pointers clobbered.
            state->uc_mcontext.gregs[REG_RIP] = (greg_t)recovery->entrySP[0];
            state->uc_mcontext.gregs[REG_RSP] = (greg_t)(recovery->entrySP + 1);
            state->uc_mcontext.gregs[REG_RBP] = (greg_t)recovery->entryFP;
            return;
        }
    }
    passOn(signal, info, context);
}

static void install(void) {
    struct sigaction action = {.sa_sigaction = onFault, .sa_flags = SA_SIGINFO | SA_ONSTACK};
    sigemptyset(&action.sa_mask);
    installed = sigaction(SIGSEGV, &action, &previousAction) == 0;
}

int hearth_guard_pages_install(void) {
    pthread_once(&installOnce, install);
    return installed;
}
#endif
