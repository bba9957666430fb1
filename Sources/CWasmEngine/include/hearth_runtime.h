// The runtime data the threaded code reads, shared by the C handlers and the Swift engine.
//
// Swift allocates and owns every structure here (see Sources/WasmEngine/Runtime); the
// handlers only read and write them. Layouts are plain C so both sides agree without glue.
#ifndef HEARTH_RUNTIME_H
#define HEARTH_RUNTIME_H

#include <stdint.h>
#include <stddef.h>

// Generated from Utilities/instructions.py and Utilities/traps.py, next to the other
// generated C (see Sources/CWasmEngine/Generated); reached from here, so they are public
// through this header.
#include "../Generated/hearth_ops.h"
#include "../Generated/hearth_traps.h"

#ifdef __cplusplus
extern "C" {
#endif

/// The bytes that the memories and tables of a store may take together (its memory limit).
/// Growing past `limit` fails as growing past a declared maximum does.
typedef struct HBudget {
    uint64_t limit;  // UINT64_MAX when the store has no limit
    uint64_t used;
} HBudget;

/// A linear memory. Its whole maximum is reserved as address space up front and made
/// accessible as it grows, so `base` never moves and untouched pages cost nothing. (Under
/// guard pages, more is reserved: every address an access can form; see guard_pages.h.)
typedef struct HMemory {
    uint8_t *base;
    uint64_t size;      // bytes
    uint64_t maxPages;  // declared maximum, or 65536
    uint64_t reserved;  // bytes of address space reserved at `base`
    HBudget *budget;    // the store's, charged for `size`
} HMemory;

typedef struct HTable {
    uint64_t *elements;  // references: 0 is null, else an HFunc* or an extern value
    uint32_t size;
    uint32_t maxSize;    // declared maximum, or UINT32_MAX
    HBudget *budget;     // the store's, charged 8 bytes an element
} HTable;

typedef struct HGlobal {
    uint64_t value;
    uint64_t high;  // upper half of a v128
} HGlobal;

/// A data or element segment as an instance sees it; dropping sets `length` to 0.
typedef struct HSegment {
    const void *bytes;
    uint32_t length;  // bytes for data, references for elements
} HSegment;

/// An exception tag. Tags are compared by address: an imported tag is the exporter's.
typedef struct HTag {
    uint32_t typeID;     // canonical id of the tag's function type
    uint32_t paramSlots; // slots of its parameters, the exception's payload
} HTag;

/// Who may refer to an exception besides the unwinder (`HException.exposed`).
enum {
    HEXCEPTION_UNEXPOSED = 0,   // nobody: freed where a clause catches it without its reference
    HEXCEPTION_GUEST_HELD = 1,  // delivered as an exnref: kept while a global or table holds it
    HEXCEPTION_HOST_HELD = 2,   // handed to the host: kept with the store
};

/// A thrown exception: its tag and payload. Every exception of a store is on the store's
/// list (`HContext.exceptions`); an `exnref` is its address. Freed as `exposed` says, or
/// with the store.
typedef struct HException {
    HTag *tag;
    struct HException *next;
    struct HException *previous;
    uint32_t slotCount;
    uint32_t exposed;
    uint64_t payload[];
} HException;

struct HInstance;
struct HContext;
struct HFunc;

/// A host function: reads its parameters from `slots` and writes its results there.
/// Returns an HTrap (HTRAP_HOST_ERROR when the Swift side recorded an error).
typedef int32_t (*HHostFunction)(struct HContext *context, struct HFunc *function, uint64_t *slots);

typedef struct HFunc {
    const uint64_t *code;       // threaded code; NULL for a host function or before translation
    struct HInstance *instance; // the instance the code runs in
    HHostFunction host;
    void *hostData;             // a host function's Swift closure; a lazy function's translation source
    uint32_t typeID;            // process-wide canonical id of the function type
    uint32_t paramSlots;
    uint32_t resultSlots;
    uint32_t localSlots;        // non-parameter locals, zeroed on entry
    uint32_t frameSlots;        // params + locals + operand stack
} HFunc;

typedef struct HInstance {
    HFunc **functions;
    HTable **tables;
    HMemory *memory;       // memory 0 (what handlers keep in registers); an empty memory when the module has none
    HGlobal **globals;
    const uint32_t *typeIDs;  // module type index -> canonical id
    HSegment *dataSegments;
    HSegment *elementSegments;
    HTag **tags;
    HMemory **memories;    // every memory by index, memory 0 included (multi-memory)
} HInstance;

/// Where a call returns to. A NULL `returnPC` marks the entry from the host.
typedef struct HFrame {
    const uint64_t *returnPC;
    char *fp;
    HInstance *instance;
} HFrame;

/// Translates a function on its first call (fills in `code` and the frame shape).
/// Returns an HTrap; HTRAP_HOST_ERROR when the Swift side recorded an error.
typedef int32_t (*HCompileFunction)(struct HContext *context, HFunc *function);

/// Where an exception is caught, as `HFindCatch` reports it: the code to continue at, and the
/// frame slot from which the catch clause's values go (the payload if `payload`, then the
/// exception itself if `reference`).
typedef struct HCatchTarget {
    const uint64_t *pc;
    uint32_t slot;
    uint8_t payload;
    uint8_t reference;
} HCatchTarget;

/// Finds the catch clause of the running instance's code at `pc` that catches `exception`.
/// Returns 1 and fills in `target`, or 0 when no `try_table` around `pc` catches it.
typedef int32_t (*HFindCatch)(struct HContext *context, const uint64_t *pc, HException *exception,
                              HCatchTarget *target);

/// Frees the exceptions held only by the guest that no global or table holds any more;
/// called when a call from the host returns with no guest frame left (so no local holds
/// one either) and more than `sweepThreshold` exceptions are kept.
typedef void (*HSweepExceptions)(struct HContext *context);

/// Why running code should stop at its next limit check (`HContext.interrupt`, a bit set).
enum {
    HINTERRUPT_DEADLINE = 1,  // the store's deadline passed (set by its timer)
    HINTERRUPT_REQUESTED = 2, // the embedder asked (from any thread)
};

/// One per store: the value stack, the call frames and the trap state.
typedef struct HContext {
    uint64_t *stackBase;
    uint64_t *stackLimit;
    uint64_t *stackTop;    // first free slot, for entries from the host
    HFrame *frames;
    uint32_t depth;
    uint32_t maxDepth;
    HInstance *instance;   // the instance of the running code
    int32_t trap;
    const uint64_t *trapPC;  // the instruction that trapped, for error messages
    // After an access faulted under guard pages: the handler word of the instruction that made
    // it (`trapPC` may be a few words past that instruction's start); else 0.
    uint64_t faultHandler;
    HCompileFunction compile;
    void *owner;             // the Swift Store, unretained
    HFunc *slowCallee;       // handed from a call handler to its out-of-line path
    char *slowFP;            // the callee's frame (a tail call: its arguments)
    HFindCatch findCatch;
    HException *exceptions;  // every exception thrown in the store and alive, newest first
    uint64_t exceptionCount; // how many are on that list
    uint64_t sweepThreshold;
    HSweepExceptions sweepExceptions;
    HException *thrown;      // with HTRAP_EXCEPTION: the exception no handler caught
    // Limits, read by the `check_limits` instruction that code translated for an
    // interruptible engine has at each function entry and loop header.
    int64_t fuel;            // instructions left; below zero, calls stop with HTRAP_OUT_OF_FUEL
    uint32_t interrupt;      // HINTERRUPT_* bits; written atomically from other threads
    HBudget budget;          // for every memory and table of the store
} HContext;

/// Runs `function` with parameters in `slots[0..<paramSlots]`; on success the results are in
/// `slots[0..<resultSlots]`. `slots` must hold max(paramSlots, resultSlots) values.
int32_t hearth_invoke(HContext *context, HFunc *function, uint64_t *slots);

/// Runs `function` with parameters already in `context->stackTop[0..<paramSlots]`; on success
/// the results are in `context->stackTop[0..<resultSlots]`. The caller has checked that
/// max(paramSlots, resultSlots) slots fit below `stackLimit`. Saves `hearth_invoke`'s copies.
int32_t hearth_call(HContext *context, HFunc *function);

/// A new exception of `tag` with its payload copied from `payload` (tag->paramSlots slots),
/// on the store's list; NULL when the host is out of memory.
HException *hearth_exception_new(HContext *context, HTag *tag, const uint64_t *payload);

/// Takes an exception off the store's list and frees it.
void hearth_exception_release(HContext *context, HException *exception);

/// Frees every exception on the store's list.
void hearth_exceptions_free(HContext *context);

/// The code word for an operation: a handler address, or the op number in switch mode.
uint64_t hearth_op_word(HOp op);

/// Reserves a memory of `maxPages` and makes its first `pages` accessible (zeroed), charged
/// to `budget`. Returns 0; -1 when the host cannot provide it; -2 when the budget cannot.
int hearth_memory_init(HMemory *memory, uint64_t pages, uint64_t maxPages, HBudget *budget);

/// Releases what `hearth_memory_init` reserved.
void hearth_memory_release(HMemory *memory);

/// Grows a memory by `deltaPages`; returns the old size in pages, or -1 past its maximum,
/// its budget or what the host can provide.
int64_t hearth_memory_grow(HMemory *memory, uint64_t deltaPages);

/// Grows a table by `delta` elements set to `initial`; returns the old size, or -1 past its
/// maximum, its budget or what the host can provide.
int64_t hearth_table_grow(HTable *table, uint32_t delta, uint64_t initial);

/// Asks the code running in `context` (or, when none runs, the next call) to stop at its next
/// limit check, for `reason` (an HINTERRUPT_* bit). Safe from any thread.
void hearth_interrupt(HContext *context, uint32_t reason);

/// Clears the `reasons` bits of `context`'s interrupt. Safe from any thread.
void hearth_clear_interrupt(HContext *context, uint32_t reasons);

/// The superinstruction that runs `first` and then `second` (which follows it directly) in
/// one handler, or HOP_COUNT when there is none.
HOp hearth_superinstruction(HOp first, HOp second);

/// The accumulator form of `op` that reads its operand `slot` from the accumulator (the value
/// the handler before it wrote last), given the instruction's code words 1 and 2, or HOP_COUNT
/// when it has none.
HOp hearth_accumulator_form(HOp op, uint64_t word1, uint64_t word2, uint32_t slot);

/// Whether `op`, when it falls through, leaves in the accumulator the value it wrote to the
/// slot in the low half of its code word 1.
int hearth_leaves_accumulator(HOp op);

/// The form of the branch `branch` that checks the store's limits when taken (a loop's back
/// edge in an interruptible engine's code), or HOP_COUNT when it has none.
HOp hearth_checked_branch(HOp branch);

/// The name of the operation whose code word is `word` ("?" if none), for disassembly.
const char *hearth_op_name(uint64_t word);

#ifdef __cplusplus
}
#endif

#endif
