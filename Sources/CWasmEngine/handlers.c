// The interpreter: one handler per operation, chained by guaranteed tail calls.
//
// Code is an array of 64-bit words. Word 0 of an instruction is its handler's address; the
// words after it hold operands: frame slots as byte offsets from `fp` (two 32-bit offsets per
// word), immediates and pc-relative branch distances in words. Every handler ends by jumping
// to the next instruction's handler with `musttail`, so execution never grows the native
// stack; `pc`, `fp` and the memory base and bound stay in argument registers throughout.
//
// Building with -DHEARTH_SWITCH_DISPATCH turns the same bodies into one `switch` loop, where
// word 0 holds the operation number instead (the fallback the benchmarks compare against).
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "guard_pages.h"
#include "hearth_runtime.h"
#include "simd.h"

// The two 32-bit operands a code word holds, each read by a load of its own: splitting one
// 64-bit load would take a move and a shift more, on the way to the slot address.
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
typedef uint32_t __attribute__((may_alias)) hearth_code_half;
#define OPERAND_LO(w) (((const hearth_code_half *)&(w))[0])
#define OPERAND_HI(w) (((const hearth_code_half *)&(w))[1])
#else
#define OPERAND_LO(w) ((uint32_t)(w))
#define OPERAND_HI(w) ((uint32_t)((w) >> 32))
#endif
// A slot is read and written as whatever type the operation at hand needs: `PUT` stores an
// i32's bits as a uint64_t, the next handler reads them as a uint32_t or a float. C's aliasing
// rules would let the compiler assume such accesses never meet (and reorder them within a
// superinstruction), so slots are accessed through `may_alias` types, which the compiler treats
// like bytes. Only slot accesses lose type-based alias analysis, not the runtime structures.
typedef uint32_t __attribute__((may_alias)) hearth_slot_uint32_t;
typedef uint64_t __attribute__((may_alias)) hearth_slot_uint64_t;
typedef float __attribute__((may_alias)) hearth_slot_float;
typedef double __attribute__((may_alias)) hearth_slot_double;
#define SLOT(T, offset) (*(hearth_slot_##T *)(fp + (offset)))

#define PAGE_SIZE 65536ULL

#define RELOAD_MEMORY() \
    do { mem = ctx->instance->memory->base; memSize = ctx->instance->memory->size; } while (0)

// Handlers save no registers (`preserve_none`): with every register free to clobber, a handler
// that needs more than the few scratch registers of the C convention does not push and pop on
// each dispatch. The argument order matters under that convention on x86-64: ctx and memSize
// take r12 and r13, which cost an extra byte as a base register; pc, fp and mem, the bases of
// nearly every access, take r14, r15 and rdi.
//
// `acc`, the accumulator, holds the value of the last slot a handler wrote (`PUT` sets it), so
// the next handler can take its operand from a register instead of waiting for the store and
// a load: the translator gives an instruction the form of its operation that reads one slot
// operand from `acc` (generated, "@" and the field in its name) only where the instruction
// before it falls through to it and leaves that slot's value there (`CodeBuilder.chooseHandlers`).
#define HANDLER_ARGS HContext *ctx, uint64_t memSize, const uint64_t *pc, char *fp, uint8_t *mem, uint64_t acc
#if __has_attribute(preserve_none)
#define HANDLER_CONVENTION __attribute__((preserve_none))
#else
#define HANDLER_CONVENTION
#endif
typedef HANDLER_CONVENTION void (*HHandler)(HANDLER_ARGS);

#ifndef HEARTH_SWITCH_DISPATCH
// The cold block of every handler (see `HANDLER`), which no path reaches.
__attribute__((cold, noinline, noreturn)) static void hearth_never_runs(void) { abort(); }
// Defines the handler `h_name`, whose body follows (as `b_name`, inlined into it).
//
// SwiftPM compiles C with frame pointers (`-fno-omit-frame-pointer`), which would cost every
// handler a push, a move and a pop on each dispatch. The compiler sets the frame up only on
// the paths that need one (shrink-wrapping), and on entry where no path does. The `asm goto`
// emits nothing and never jumps, but the compiler must assume it may, to a block with a call,
// which needs the frame: so the frame is set up in that block alone and the paths that run
// have none. (One such block per handler: with several, the frame moves up to where their
// paths part.)
//
// No memset calls: a call would make every handler that zeroes a callee's locals save registers.
// Under guard pages every handler is in one section, by which a fault is known to be a handler's.
#if HEARTH_GUARD_PAGES
#define HANDLER_SECTION __attribute__((section("hearth_handlers")))
#else
#define HANDLER_SECTION
#endif
#define HANDLER(name) \
    __attribute__((always_inline)) HANDLER_CONVENTION static inline void b_##name(HANDLER_ARGS); \
    __attribute__((no_builtin("memset"))) HANDLER_SECTION HANDLER_CONVENTION static void h_##name(HANDLER_ARGS) { \
        __asm__ goto("" :::: framed); \
        __attribute__((musttail)) return b_##name(ctx, memSize, pc, fp, mem, acc); \
    framed: \
        hearth_never_runs(); \
    } \
    __attribute__((no_builtin("memset"), always_inline)) HANDLER_CONVENTION static inline void b_##name(HANDLER_ARGS)
// The rare ways into a callee (see `enterSlow`) leave the handler by a tail call, so that the
// common path keeps pc, fp and the memory registers in registers, with no stack frame.
#define ENTER_SLOW() __attribute__((musttail)) return enterSlowHandler(ctx, memSize, pc, fp, mem, acc)
#define TAIL_ENTER_SLOW() __attribute__((musttail)) return tailEnterSlowHandler(ctx, memSize, pc, fp, mem, acc)
#define DISPATCH() __attribute__((musttail)) return ((HHandler)pc[0])(ctx, memSize, pc, fp, mem, acc)
// Dispatches to `handler`, which the code holds as well as `pc[0]` (a `br_table` entry's copy):
// the jump need not wait for the load of `pc[0]`.
#define DISPATCH_TO(handler) __attribute__((musttail)) return ((HHandler)(handler))(ctx, memSize, pc, fp, mem, acc)
#else
#define HANDLER(name) case HOP_##name:
#define DISPATCH() goto dispatch
#define DISPATCH_TO(handler) goto dispatch
#define ENTER_SLOW() do { \
        pc = enterSlow(ctx, ctx->slowCallee, pc, &fp, ctx->slowFP, &mem, &memSize); \
        if (pc == NULL) return; \
        DISPATCH(); \
    } while (0)
#define TAIL_ENTER_SLOW() do { \
        pc = tailEnterSlow(ctx, ctx->slowCallee, pc, &fp, ctx->slowFP, &mem, &memSize); \
        if (pc == NULL) return; \
        DISPATCH(); \
    } while (0)
#endif

#ifndef COUNT_EXECUTION
#define COUNT_EXECUTION(pc)
#endif
#define NEXT(words) do { pc += (words); DISPATCH(); } while (0)
#define TRAP(code) do { ctx->trap = (code); ctx->trapPC = pc; return; } while (0)
// Traps unless an access to memory 0 that ends at byte `end` lies within it. Under guard pages
// the access itself faults instead (guard_pages.h).
#if HEARTH_GUARD_PAGES
#define CHECK_MEMORY_0(end) ((void)0)
#else
#define CHECK_MEMORY_0(end) do { if ((end) > memSize) TRAP(HTRAP_MEMORY_OUT_OF_BOUNDS); } while (0)
#endif

// Float helpers that must keep exact bit patterns (NaN payloads included).
static inline uint32_t hearth_bits32(float f) { uint32_t u; memcpy(&u, &f, 4); return u; }
static inline uint64_t hearth_bits64(double d) { uint64_t u; memcpy(&u, &d, 8); return u; }
static inline float hearth_f32_from_bits(uint32_t u) { float f; memcpy(&f, &u, 4); return f; }
static inline double hearth_f64_from_bits(uint64_t u) { double d; memcpy(&d, &u, 8); return d; }
static inline float hearth_f32_abs(float a) { return hearth_f32_from_bits(hearth_bits32(a) & 0x7fffffffu); }
static inline double hearth_f64_abs(double a) { return hearth_f64_from_bits(hearth_bits64(a) & 0x7fffffffffffffffull); }
static inline float hearth_f32_neg(float a) { return hearth_f32_from_bits(hearth_bits32(a) ^ 0x80000000u); }
static inline double hearth_f64_neg(double a) { return hearth_f64_from_bits(hearth_bits64(a) ^ 0x8000000000000000ull); }
static inline float hearth_f32_copysign(float a, float b) {
    return hearth_f32_from_bits((hearth_bits32(a) & 0x7fffffffu) | (hearth_bits32(b) & 0x80000000u));
}
static inline double hearth_f64_copysign(double a, double b) {
    return hearth_f64_from_bits((hearth_bits64(a) & 0x7fffffffffffffffull) | (hearth_bits64(b) & 0x8000000000000000ull));
}
// min/max: NaN in, NaN out; -0 orders below +0 (spec 4.3.3 fmin/fmax).
static inline float hearth_f32_min(float a, float b) {
    if (a != a || b != b) return a + b;
    if (a == b) return hearth_f32_from_bits(hearth_bits32(a) | hearth_bits32(b));
    return a < b ? a : b;
}
static inline float hearth_f32_max(float a, float b) {
    if (a != a || b != b) return a + b;
    if (a == b) return hearth_f32_from_bits(hearth_bits32(a) & hearth_bits32(b));
    return a > b ? a : b;
}
static inline double hearth_f64_min(double a, double b) {
    if (a != a || b != b) return a + b;
    if (a == b) return hearth_f64_from_bits(hearth_bits64(a) | hearth_bits64(b));
    return a < b ? a : b;
}
static inline double hearth_f64_max(double a, double b) {
    if (a != a || b != b) return a + b;
    if (a == b) return hearth_f64_from_bits(hearth_bits64(a) & hearth_bits64(b));
    return a > b ? a : b;
}

// Every slot write stores all 64 bits (an i32 or f32 zero-extended). A later 64-bit read of the
// slot (a copy, a select, a store's operand, the results `hearth_invoke` hands back) can then
// take the value straight from the store buffer; after a 32-bit store it would stall. The value
// stays in `acc` for the next handler.
static inline uint64_t hearth_widen_uint32_t(uint32_t v) { return v; }
static inline uint64_t hearth_widen_uint64_t(uint64_t v) { return v; }
static inline uint64_t hearth_widen_float(float v) { return hearth_bits32(v); }
static inline uint64_t hearth_widen_double(double v) { return hearth_bits64(v); }
#define PUT(T, offset, value) (SLOT(uint64_t, (offset)) = acc = hearth_widen_##T(value))

// Charges `bytes` to `budget`; false (nothing charged) when they do not fit.
static int charge(HBudget *budget, uint64_t bytes) {
    if (bytes > budget->limit - budget->used) return 0;
    budget->used += bytes;
    return 1;
}

int hearth_memory_init(HMemory *memory, uint64_t pages, uint64_t maxPages, HBudget *budget) {
    if (!charge(budget, pages * PAGE_SIZE)) return -2;
#if HEARTH_GUARD_PAGES
    if (!hearth_guard_pages_install()) return -1;
    uint64_t reserved = HEARTH_GUARDED_RESERVATION;
#else
    // One page more than the maximum, so even a zero-page memory has a valid base.
    uint64_t reserved = (maxPages + 1) * PAGE_SIZE;
#endif
    void *base = mmap(NULL, reserved, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (base == MAP_FAILED || (pages && mprotect(base, pages * PAGE_SIZE, PROT_READ | PROT_WRITE) != 0)) {
        if (base != MAP_FAILED) munmap(base, reserved);
        budget->used -= pages * PAGE_SIZE;
        return -1;
    }
    memory->base = base;
    memory->size = pages * PAGE_SIZE;
    memory->maxPages = maxPages;
    memory->reserved = reserved;
    memory->budget = budget;
    return 0;
}

void hearth_memory_release(HMemory *memory) {
    if (memory->base) {
        munmap(memory->base, memory->reserved);
        memory->budget->used -= memory->size;
    }
    memory->base = NULL;
}

int64_t hearth_memory_grow(HMemory *memory, uint64_t deltaPages) {
    uint64_t oldPages = memory->size / PAGE_SIZE;
    if (deltaPages == 0) return (int64_t)oldPages;
    if (deltaPages > memory->maxPages || oldPages + deltaPages > memory->maxPages) return -1;
    if (!charge(memory->budget, deltaPages * PAGE_SIZE)) return -1;
    // New pages are the kernel's zero pages until written.
    if (mprotect(memory->base + memory->size, deltaPages * PAGE_SIZE, PROT_READ | PROT_WRITE) != 0) {
        memory->budget->used -= deltaPages * PAGE_SIZE;
        return -1;
    }
    memory->size = (oldPages + deltaPages) * PAGE_SIZE;
    return (int64_t)oldPages;
}

// Growths of at least this many elements (1 MiB) are allocated zeroed rather than reallocated.
#define LARGE_TABLE_GROWTH (1u << 17)

int64_t hearth_table_grow(HTable *table, uint32_t delta, uint64_t initial) {
    uint32_t old = table->size;
    if ((uint64_t)old + delta > table->maxSize) return -1;
    if (delta == 0) return old;
    if (!charge(table->budget, (uint64_t)delta * sizeof(uint64_t))) return -1;
    // A large growth takes fresh zero pages (calloc), so null elements (0) cost no memory until
    // used: writing 2^31 of them would have the process killed without a memory limit.
    int fresh = delta >= LARGE_TABLE_GROWTH;
    uint64_t *elements = fresh ? calloc((size_t)old + delta, sizeof(uint64_t))
                               : realloc(table->elements, ((size_t)old + delta) * sizeof(uint64_t));
    if (!elements) {
        table->budget->used -= (uint64_t)delta * sizeof(uint64_t);
        return -1;
    }
    if (fresh) {
        if (old) memcpy(elements, table->elements, (size_t)old * sizeof(uint64_t));
        free(table->elements);
    }
    if (!fresh || initial != 0) for (uint32_t i = 0; i < delta; i++) elements[old + i] = initial;
    table->elements = elements;
    table->size = old + delta;
    return old;
}

void hearth_interrupt(HContext *ctx, uint32_t reason) {
    __atomic_fetch_or(&ctx->interrupt, reason, __ATOMIC_RELAXED);
}

void hearth_clear_interrupt(HContext *ctx, uint32_t reasons) {
    __atomic_fetch_and(&ctx->interrupt, ~reasons, __ATOMIC_RELAXED);
}

// Why the `check_limits` at `check` stops the call: the fuel its code word charges, else what
// the interrupt says. An embedder's request is answered by this stop, so it is cleared; a
// deadline stays until the store's timer is cleared (every later call stops too).
static __attribute__((noinline, cold)) int32_t limitStop(HContext *ctx, const uint64_t *check) {
    if (ctx->fuel - (int64_t)check[1] < 0) return HTRAP_OUT_OF_FUEL;
    uint32_t bits = __atomic_load_n(&ctx->interrupt, __ATOMIC_RELAXED);
    if (bits & HINTERRUPT_REQUESTED) {
        hearth_clear_interrupt(ctx, HINTERRUPT_REQUESTED);
        return HTRAP_INTERRUPTED;
    }
    return HTRAP_DEADLINE_EXCEEDED;
}

// The work of a `check_limits` (two words: the operation and its fuel), done with `pc` just
// past it: by the instruction itself, or by a jump that skipped it — a loop's back edge, a
// call into a function. A stop is reported at the check, and charges nothing (what the fuel
// would have paid for does not run).
#define CHECK_SKIPPED_LIMITS() do { \
        const int64_t fuel_ = ctx->fuel - (int64_t)pc[-1]; \
        if (__builtin_expect((fuel_ < 0) | (__atomic_load_n(&ctx->interrupt, __ATOMIC_RELAXED) != 0), 0)) { \
            pc -= 2; \
            STOP_AT_CHECK(); \
        } \
        ctx->fuel = fuel_; \
    } while (0)
#ifndef HEARTH_SWITCH_DISPATCH
// Stops at the `check_limits` at `pc`. A handler of its own, entered by a tail call: a call
// here would set up a stack frame on the path that runs (see `HANDLER`).
HANDLER_CONVENTION static __attribute__((noinline, cold)) void limitStopHandler(HANDLER_ARGS) {
    TRAP(limitStop(ctx, pc));
}
#define STOP_AT_CHECK() __attribute__((musttail)) return limitStopHandler(ctx, memSize, pc, fp, mem, acc)
#else
#define STOP_AT_CHECK() TRAP(limitStop(ctx, pc))
#endif

// A conditional branch: `taken` words on when `condition` holds, else `words`. Each outcome
// dispatches on its own, so the processor predicts the taken and the fall-through successor
// at two indirect jumps (one jump after a conditional move would mix both); for the same
// reason the condition stays a real branch. `BRANCH_CHECKED` is a loop's back edge: its taken
// path does the skipped `check_limits`' work.
#define BRANCH(condition, taken, words) do { \
        if (condition) { pc += (taken); DISPATCH(); } \
        pc += (words); DISPATCH(); \
    } while (0)
// A conditional branch inside a superinstruction: taken, it leaves the handler; else the run
// goes on to its next operation.
#define BRANCH_OUT(condition, taken) do { if (condition) { pc += (taken); DISPATCH(); } } while (0)
#define BRANCH_CHECKED(condition, taken, words) do { \
        if (condition) { pc += (taken); CHECK_SKIPPED_LIMITS(); DISPATCH(); } \
        pc += (words); DISPATCH(); \
    } while (0)

// Switches to `function`'s instance (its memory into the registers) and returns its code;
// `firstHandler` gets the handler word of its first instruction.
//
// Callers read everything they need from the runtime's structures before the loops that write
// the new frame (`zeroLocals`, `moveArguments`): after a loop, the compiler takes a load
// through a pointer it cannot trace to an argument for a possible stack access and sets up
// the stack frame on the path that runs (see `HANDLER`).
static inline __attribute__((always_inline)) const uint64_t *switchTo(
    HContext *ctx, HFunc *function, uint8_t **mem, uint64_t *memSize, uint64_t *firstHandler) {
    if (function->instance != ctx->instance) {
        ctx->instance = function->instance;
        *mem = ctx->instance->memory->base;
        *memSize = ctx->instance->memory->size;
    }
    const uint64_t *code = function->code;
    *firstHandler = code[0];
    return code;
}

// Zeroes the `localSlots` declared locals of a frame, which start at `locals`. A plain loop:
// most functions have a handful.
static inline __attribute__((always_inline)) void zeroLocals(char *locals, uint32_t localSlots) {
    uint64_t *local = (uint64_t *)locals;
#pragma clang loop vectorize(disable) unroll(disable)
    for (uint32_t i = 0; i < localSlots; i++) local[i] = 0;
}

// Pushes the frame of a translated function and returns its code (`firstHandler`: its first
// handler word). Fails (NULL, trap set) when the call depth or the value stack would overflow.
static inline __attribute__((always_inline)) const uint64_t *pushFrame(
    HContext *ctx, HFunc *function, const uint64_t *returnPC, char **fp, char *newFP,
    uint8_t **mem, uint64_t *memSize, uint64_t *firstHandler) {
    if (__builtin_expect(ctx->depth >= ctx->maxDepth ||
                         (uint64_t *)newFP + function->frameSlots > ctx->stackLimit, 0)) {
        ctx->trap = HTRAP_CALL_STACK_EXHAUSTED;
        ctx->trapPC = returnPC;
        return NULL;
    }
    HFrame *frame = &ctx->frames[ctx->depth++];
    frame->returnPC = returnPC;
    frame->fp = *fp;
    frame->instance = ctx->instance;
    *fp = newFP;
    const uint64_t *code = switchTo(ctx, function, mem, memSize, firstHandler);
    zeroLocals(newFP + 8 * (size_t)function->paramSlots, function->localSlots);
    return code;
}

HException *hearth_exception_new(HContext *ctx, HTag *tag, const uint64_t *payload) {
    HException *exception = malloc(sizeof(HException) + (size_t)tag->paramSlots * sizeof(uint64_t));
    if (exception == NULL) return NULL;
    exception->tag = tag;
    exception->slotCount = tag->paramSlots;
    exception->exposed = HEXCEPTION_UNEXPOSED;
    for (uint32_t i = 0; i < tag->paramSlots; i++) exception->payload[i] = payload[i];
    exception->previous = NULL;
    exception->next = ctx->exceptions;
    if (ctx->exceptions) ctx->exceptions->previous = exception;
    ctx->exceptions = exception;
    ctx->exceptionCount++;
    return exception;
}

void hearth_exception_release(HContext *ctx, HException *exception) {
    if (exception->previous) exception->previous->next = exception->next;
    else ctx->exceptions = exception->next;
    if (exception->next) exception->next->previous = exception->previous;
    ctx->exceptionCount--;
    free(exception);
}

void hearth_exceptions_free(HContext *ctx) {
    HException *exception = ctx->exceptions;
    while (exception) {
        HException *next = exception->next;
        free(exception);
        exception = next;
    }
    ctx->exceptions = NULL;
    ctx->exceptionCount = 0;
}

// Unwinds to the handler of `exception`, thrown at `pc` (a throw, or inside the call
// instruction a callee threw through): each frame's code is asked for a catch clause around
// its pc (`ctx->findCatch`), innermost frame first; a frame without one is popped as
// `return` pops it. Returns the pc of the catch clause's label, its values written into the
// frame, with fp and the memory registers updated; or NULL, with the trap set to
// HTRAP_EXCEPTION, when the exception reaches the host's entry frame uncaught.
static __attribute__((noinline)) const uint64_t *unwind(
    HContext *ctx, HException *exception, const uint64_t *pc, char **fp, uint8_t **mem, uint64_t *memSize) {
    for (;;) {
        HCatchTarget target;
        if (ctx->findCatch(ctx, pc, exception, &target)) {
            uint64_t *slot = (uint64_t *)(*fp + target.slot);
            if (target.payload) {
                for (uint32_t i = 0; i < exception->slotCount; i++) *slot++ = exception->payload[i];
            }
            if (target.reference) {
                *slot = (uint64_t)(uintptr_t)exception;
                if (exception->exposed == HEXCEPTION_UNEXPOSED) exception->exposed = HEXCEPTION_GUEST_HELD;
            } else if (exception->exposed == HEXCEPTION_UNEXPOSED) {
                hearth_exception_release(ctx, exception);  // its values are delivered; nothing else has it
            }
            *mem = ctx->instance->memory->base;
            *memSize = ctx->instance->memory->size;
            return target.pc;
        }
        HFrame *frame = &ctx->frames[--ctx->depth];
        if (frame->returnPC == NULL) {
            ctx->trap = HTRAP_EXCEPTION;
            ctx->thrown = exception;
            ctx->trapPC = pc;
            return NULL;
        }
        pc = frame->returnPC - 1;  // inside the call instruction
        *fp = frame->fp;
        ctx->instance = frame->instance;
    }
}

// Calls the host function `function` with its frame at `newFP`, where it finds its parameters
// and leaves its results; returns its status. The host sees the calling instance as
// `ctx->instance`, which is the same again afterwards.
static inline __attribute__((always_inline)) int32_t callHost(HContext *ctx, HFunc *function, char *newFP) {
    uint64_t *savedTop = ctx->stackTop;
    uint32_t slots = function->paramSlots > function->resultSlots ? function->paramSlots : function->resultSlots;
    ctx->stackTop = (uint64_t *)newFP + slots;
    HInstance *instance = ctx->instance;
    int32_t trap = ctx->stackTop > ctx->stackLimit
        ? HTRAP_CALL_STACK_EXHAUSTED
        : function->host(ctx, function, (uint64_t *)newFP);
    ctx->stackTop = savedTop;
    ctx->instance = instance;
    return trap;
}

// The rare ways into a function: a host function (called here; returns `returnPC`), or a
// function not translated yet (translated, then entered).
static __attribute__((noinline)) const uint64_t *enterSlow(
    HContext *ctx, HFunc *function, const uint64_t *returnPC, char **fp, char *newFP,
    uint8_t **mem, uint64_t *memSize) {
    if (function->host == NULL) {
        int32_t trap = ctx->compile(ctx, function);
        if (trap) { ctx->trap = trap; ctx->trapPC = returnPC; return NULL; }
        uint64_t firstHandler;
        return pushFrame(ctx, function, returnPC, fp, newFP, mem, memSize, &firstHandler);
    }
    HInstance *instance = ctx->instance;
    int32_t trap = callHost(ctx, function, newFP);
    // An exception the host function let through (or threw) unwinds from the call.
    if (trap == HTRAP_EXCEPTION && returnPC != NULL) return unwind(ctx, ctx->thrown, returnPC - 1, fp, mem, memSize);
    if (trap) { ctx->trap = trap; ctx->trapPC = returnPC; return NULL; }
    if (instance) {  // a host function may have grown the memory
        *mem = instance->memory->base;
        *memSize = instance->memory->size;
    }
    return returnPC;
}

// Enters `function` with its frame at `newFP`; `returnPC` is where the caller continues.
// Returns the pc to continue at (the callee's code, or `returnPC` after a host call), or NULL
// on a trap. Updates fp and the memory registers through the pointers.
static inline __attribute__((always_inline)) const uint64_t *enter(
    HContext *ctx, HFunc *function, const uint64_t *returnPC, char **fp, char *newFP,
    uint8_t **mem, uint64_t *memSize) {
    if (__builtin_expect(function->code == NULL, 0)) return enterSlow(ctx, function, returnPC, fp, newFP, mem, memSize);
    uint64_t firstHandler;
    return pushFrame(ctx, function, returnPC, fp, newFP, mem, memSize, &firstHandler);
}

// Calls `function` with its frame at `newFP`; `pc` must already be the return address.
// `onEntry` runs with `pc` at the translated callee's code and `firstHandler` its handler
// word, before its first instruction.
#define CALL_THEN(function, newFP, onEntry) do { \
        if (__builtin_expect((function)->code == NULL, 0)) { \
            ctx->slowCallee = (function); \
            ctx->slowFP = (newFP); \
            ENTER_SLOW(); \
        } \
        uint64_t firstHandler; \
        pc = pushFrame(ctx, (function), pc, &fp, (newFP), &mem, &memSize, &firstHandler); \
        if (pc == NULL) return; \
        onEntry; \
        DISPATCH_TO(firstHandler); \
    } while (0)
#define CALL(function, newFP) CALL_THEN(function, newFP, (void)0)

// Pops the running function's frame, as `return` does: returns where its caller continues,
// or NULL when the host called it. Restores the caller's fp, instance and memory registers.
static inline __attribute__((always_inline)) const uint64_t *leaveFrame(
    HContext *ctx, char **fp, uint8_t **mem, uint64_t *memSize) {
    HFrame *frame = &ctx->frames[--ctx->depth];
    if (frame->returnPC == NULL) return NULL;
    *fp = frame->fp;
    if (frame->instance != ctx->instance) {
        ctx->instance = frame->instance;
        *mem = ctx->instance->memory->base;
        *memSize = ctx->instance->memory->size;
    }
    return frame->returnPC;
}

// Tail calls (`return_call` and its indirect and reference forms) run the callee in the
// running function's place: its arguments, evaluated into slots above the locals as for a
// call, move down to `fp`, and it keeps the running function's HFrame (return pc, caller fp
// and caller instance). Neither the value stack, the frame stack nor the native stack grows.

// Moves a tail callee's arguments from `arguments` down to the first slots of the frame.
static inline __attribute__((always_inline)) void moveArguments(char *fp, const char *arguments, uint32_t paramSlots) {
    uint64_t *to = (uint64_t *)fp;
    const uint64_t *from = (const uint64_t *)arguments;
    // Upwards: the arguments lie above their destination, and may overlap it.
#pragma clang loop vectorize(disable) unroll(disable)
    for (uint32_t i = 0; i < paramSlots; i++) to[i] = from[i];
}

// Enters the translated `function` in place of the running one (the tail call at `pc`), its
// arguments at `arguments`. Returns its code (`firstHandler`: its first handler word), or NULL
// (trap set) when its frame, which may be larger than the running one's, does not fit the
// value stack.
static inline __attribute__((always_inline)) const uint64_t *tailEnter(
    HContext *ctx, HFunc *function, const uint64_t *pc, char *fp, char *arguments,
    uint8_t **mem, uint64_t *memSize, uint64_t *firstHandler) {
    if (__builtin_expect((uint64_t *)fp + function->frameSlots > ctx->stackLimit, 0)) {
        ctx->trap = HTRAP_CALL_STACK_EXHAUSTED;
        ctx->trapPC = pc;
        return NULL;
    }
    const uint64_t *code = switchTo(ctx, function, mem, memSize, firstHandler);
    const uint32_t paramSlots = function->paramSlots, localSlots = function->localSlots;
    moveArguments(fp, arguments, paramSlots);
    zeroLocals(fp + 8 * (size_t)paramSlots, localSlots);
    return code;
}

// The rare ways into a tail callee, as `enterSlow` for a call: a function not translated yet
// (translated, then entered), or a host function. That one is called with its arguments
// moved to `fp`, where its results then are, as the running function's instance calls it;
// then the running function's frame is left as `return` leaves it, so that an exception the
// host throws unwinds from the caller, past any handler of the function that tail-called.
// Returns the pc to continue at, or NULL on a trap or when the running function was the
// host's entry.
static __attribute__((noinline)) const uint64_t *tailEnterSlow(
    HContext *ctx, HFunc *function, const uint64_t *pc, char **fp, char *arguments,
    uint8_t **mem, uint64_t *memSize) {
    if (function->host == NULL) {
        int32_t trap = ctx->compile(ctx, function);
        if (trap) { ctx->trap = trap; ctx->trapPC = pc; return NULL; }
        uint64_t firstHandler;
        return tailEnter(ctx, function, pc, *fp, arguments, mem, memSize, &firstHandler);
    }
    moveArguments(*fp, arguments, function->paramSlots);
    int32_t trap = callHost(ctx, function, *fp);
    const uint64_t *returnPC = leaveFrame(ctx, fp, mem, memSize);
    if (trap == HTRAP_EXCEPTION && returnPC != NULL) return unwind(ctx, ctx->thrown, returnPC - 1, fp, mem, memSize);
    if (trap) { ctx->trap = trap; ctx->trapPC = pc; return NULL; }
    if (returnPC != NULL) {  // a host function may have grown the memory
        *mem = ctx->instance->memory->base;
        *memSize = ctx->instance->memory->size;
    }
    return returnPC;
}

// Tail-calls `function` with its arguments at `arguments` (slots of the running frame): the
// end that return_call, return_call_indirect and return_call_ref share.
#define TAIL_CALL(function, arguments) do { \
        if (__builtin_expect((function)->code == NULL, 0)) { \
            ctx->slowCallee = (function); \
            ctx->slowFP = (arguments); \
            TAIL_ENTER_SLOW(); \
        } \
        uint64_t firstHandler; \
        pc = tailEnter(ctx, (function), pc, fp, (arguments), &mem, &memSize, &firstHandler); \
        if (pc == NULL) return; \
        DISPATCH_TO(firstHandler); \
    } while (0)

#ifndef HEARTH_SWITCH_DISPATCH
HANDLER_CONVENTION static __attribute__((noinline)) void enterSlowHandler(HANDLER_ARGS) {
    pc = enterSlow(ctx, ctx->slowCallee, pc, &fp, ctx->slowFP, &mem, &memSize);
    if (pc == NULL) return;
    DISPATCH();
}
HANDLER_CONVENTION static __attribute__((noinline)) void tailEnterSlowHandler(HANDLER_ARGS) {
    pc = tailEnterSlow(ctx, ctx->slowCallee, pc, &fp, ctx->slowFP, &mem, &memSize);
    if (pc == NULL) return;
    DISPATCH();
}

#include "control_handlers.h"
#include "Generated/regular_handlers.h"
#include "Generated/handler_table.h"

uint64_t hearth_op_word(HOp op) { return (uint64_t)(uintptr_t)handlerTable[op]; }
const char *hearth_op_name(uint64_t word) {
    for (int op = 0; op < HOP_COUNT; op++) if ((uint64_t)(uintptr_t)handlerTable[op] == word) return opNames[op];
    return "?";
}

#if HEARTH_GUARD_PAGES
// Enters the code through `hearth_enter_recoverable`, which notes where a fault resumes: here,
// with the trap in `ctx` as a handler that traps leaves it (guard_pages.c).
static void run(const uint64_t *pc, char *fp, uint8_t *mem, uint64_t memSize, HContext *ctx) {
    HRecovery recovery = {.ctx = ctx, .outer = hearth_recovery};
    hearth_recovery = &recovery;
    hearth_enter_recoverable(ctx, memSize, pc, fp, mem, 0, &recovery);
    hearth_recovery = recovery.outer;
}

uint64_t hearth_handler_containing(uintptr_t address) {
    uintptr_t entry = 0;
    for (int op = 0; op < HOP_COUNT; op++) {
        uintptr_t handler = (uintptr_t)handlerTable[op];
        if (handler <= address && handler > entry) entry = handler;
    }
    return entry;
}
#else
static void run(const uint64_t *pc, char *fp, uint8_t *mem, uint64_t memSize, HContext *ctx) {
    ((HHandler)pc[0])(ctx, memSize, pc, fp, mem, 0);
}
#endif
#else
#include "Generated/handler_table.h"
#ifdef HEARTH_STATS
#include "statistics.h"
#endif
uint64_t hearth_op_word(HOp op) { return (uint64_t)op; }
const char *hearth_op_name(uint64_t word) { return word < HOP_COUNT ? opNames[word] : "?"; }

static void run(const uint64_t *pc, char *fp, uint8_t *mem, uint64_t memSize, HContext *ctx) {
    uint64_t acc = 0;
dispatch:
    COUNT_EXECUTION(pc);
    switch ((HOp)pc[0]) {
#include "control_handlers.h"
#include "Generated/regular_handlers.h"
    case HOP_COUNT: break;
    }
}
#endif

// Runs `function` with its arguments in the slots at `ctx->stackTop` and leaves its results
// there.
static inline __attribute__((always_inline)) int32_t callFromHost(HContext *ctx, HFunc *function) {
    uint64_t *const top = ctx->stackTop;
    const uint32_t depth = ctx->depth;
    HInstance *const instance = ctx->instance;
    ctx->trap = HTRAP_NONE;
    char *fp = (char *)top;
    uint8_t *mem = NULL;
    uint64_t memSize = 0;
    const uint64_t *pc = enter(ctx, function, NULL, &fp, fp, &mem, &memSize);
    if (pc != NULL && function->code != NULL) {
        // `enter` loads the memory registers only when the instance changes.
        HMemory *memory = ctx->instance->memory;
        run(pc, fp, memory->base, memory->size, ctx);
    }
    const int32_t trap = ctx->trap;
    ctx->depth = depth;
    ctx->instance = instance;
    ctx->stackTop = top;
    ctx->trap = HTRAP_NONE;
    if (__builtin_expect(trap == HTRAP_EXCEPTION, 0)) ctx->thrown->exposed = HEXCEPTION_HOST_HELD;
    // Back at the host with no guest frame left: exceptions kept as exnrefs may be unreachable.
    if (__builtin_expect(ctx->exceptionCount > ctx->sweepThreshold, 0) && depth == 0) ctx->sweepExceptions(ctx);
    return trap;
}

// no_builtin, on the functions `callFromHost` is inlined into: the loop zeroing the callee's
// locals would otherwise become a call to memset, which costs more than the handful of
// stores it replaces.
__attribute__((no_builtin("memset")))
int32_t hearth_call(HContext *ctx, HFunc *function) { return callFromHost(ctx, function); }

__attribute__((no_builtin("memset")))
int32_t hearth_invoke(HContext *ctx, HFunc *function, uint64_t *slots) {
    // Read once: the stores below could alias them as far as the compiler knows.
    const uint32_t paramSlots = function->paramSlots, resultSlots = function->resultSlots;
    uint64_t *top = ctx->stackTop;
    if (top + (paramSlots > resultSlots ? paramSlots : resultSlots) > ctx->stackLimit) {
        ctx->trapPC = NULL;  // no instruction trapped: the host's call did not fit
        return HTRAP_CALL_STACK_EXHAUSTED;
    }
    // Plain loops: a call passes a handful of values, too few for vector code to pay.
#pragma clang loop vectorize(disable) unroll(disable)
    for (uint32_t i = 0; i < paramSlots; i++) top[i] = slots[i];
    const int32_t trap = callFromHost(ctx, function);
    if (trap != HTRAP_NONE) return trap;
#pragma clang loop vectorize(disable) unroll(disable)
    for (uint32_t i = 0; i < resultSlots; i++) slots[i] = top[i];
    return HTRAP_NONE;
}
