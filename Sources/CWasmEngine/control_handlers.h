// Hand-written handlers: control flow, calls, variables, tables and bulk memory.
// Included by handlers.c, which defines HANDLER, NEXT, DISPATCH, TRAP and SLOT.
// Each is named in the `ops` of its instruction's row of INSTRUCTIONS
// (Utilities/instructions.py), which is where the list of operations comes from; the
// generator checks this file defines exactly those. They are not generated: each calls into
// the runtime, walks frames or jumps, with no shape in common to generate them from.
// The operand layout of each is written above it: [dst|src] is one word, low half first.

// []
HANDLER(unreachable) { TRAP(HTRAP_UNREACHABLE); }

// A call that does the callee's entry check itself when the callee's code starts with one
// (`check_limits`, generated; code of another engine may not), saving that instruction's
// dispatch.
#ifndef HEARTH_SWITCH_DISPATCH
HANDLER_CONVENTION static void h_check_limits(HANDLER_ARGS);
#define CHECK_LIMITS_WORD ((uint64_t)(uintptr_t)h_check_limits)
#else
#define CHECK_LIMITS_WORD ((uint64_t)HOP_check_limits)
#endif
#define CALL_CHECKED(function, newFP) CALL_THEN(function, newFP, \
        if (firstHandler == CHECK_LIMITS_WORD) { pc += 2; CHECK_SKIPPED_LIMITS(); firstHandler = pc[0]; })
// Declares `function`, the callee of call_indirect or return_call_indirect (operands
// [type index|table index] [argument base|element index]), or traps as the spec says.
#define INDIRECT_CALLEE(function) \
    HInstance *instance = ctx->instance; \
    HTable *table = instance->tables[OPERAND_HI(pc[1])]; \
    uint32_t index = SLOT(uint32_t, OPERAND_HI(pc[2])); \
    if (index >= table->size) TRAP(HTRAP_UNDEFINED_ELEMENT); \
    HFunc *function = (HFunc *)(uintptr_t)table->elements[index]; \
    if (function == NULL) TRAP(HTRAP_UNINITIALIZED_ELEMENT); \
    if (function->typeID != instance->typeIDs[OPERAND_LO(pc[1])]) TRAP(HTRAP_INDIRECT_CALL_TYPE_MISMATCH)
// [type index|table index] [argument base|element index]
HANDLER(call_indirect) {
    INDIRECT_CALLEE(function);
    char *newFP = fp + OPERAND_LO(pc[2]);
    pc += 3;
    CALL(function, newFP);
}
// [type index|table index] [argument base|element index]
HANDLER(call_indirect_checked) {
    INDIRECT_CALLEE(function);
    char *newFP = fp + OPERAND_LO(pc[2]);
    pc += 3;
    CALL_CHECKED(function, newFP);
}
// [function index|argument base]
HANDLER(return_call) {
    HFunc *function = ctx->instance->functions[OPERAND_LO(pc[1])];
    TAIL_CALL(function, fp + OPERAND_HI(pc[1]));
}
// [type index|table index] [argument base|element index]
HANDLER(return_call_indirect) {
    INDIRECT_CALLEE(function);
    TAIL_CALL(function, fp + OPERAND_LO(pc[2]));
}
// [argument base|reference]
HANDLER(call_ref) {
    HFunc *function = (HFunc *)(uintptr_t)SLOT(uint64_t, OPERAND_HI(pc[1]));
    if (function == NULL) TRAP(HTRAP_NULL_FUNCTION_REFERENCE);
    char *newFP = fp + OPERAND_LO(pc[1]);
    pc += 2;
    CALL(function, newFP);
}
// [argument base|reference]
HANDLER(call_ref_checked) {
    HFunc *function = (HFunc *)(uintptr_t)SLOT(uint64_t, OPERAND_HI(pc[1]));
    if (function == NULL) TRAP(HTRAP_NULL_FUNCTION_REFERENCE);
    char *newFP = fp + OPERAND_LO(pc[1]);
    pc += 2;
    CALL_CHECKED(function, newFP);
}
// [argument base|reference]
HANDLER(return_call_ref) {
    HFunc *function = (HFunc *)(uintptr_t)SLOT(uint64_t, OPERAND_HI(pc[1]));
    if (function == NULL) TRAP(HTRAP_NULL_FUNCTION_REFERENCE);
    TAIL_CALL(function, fp + OPERAND_LO(pc[1]));
}
// [tag index|payload base] — the payload is the tag's parameters, in consecutive slots.
HANDLER(throw) {
    HException *exception = hearth_exception_new(ctx, ctx->instance->tags[OPERAND_LO(pc[1])],
                                                 (const uint64_t *)(fp + OPERAND_HI(pc[1])));
    if (exception == NULL) TRAP(HTRAP_CALL_STACK_EXHAUSTED);
    pc = unwind(ctx, exception, pc, &fp, &mem, &memSize);
    if (pc == NULL) return;
    DISPATCH();
}
// [exnref]
HANDLER(throw_ref) {
    HException *exception = (HException *)(uintptr_t)SLOT(uint64_t, OPERAND_LO(pc[1]));
    if (exception == NULL) TRAP(HTRAP_NULL_EXCEPTION_REFERENCE);
    pc = unwind(ctx, exception, pc, &fp, &mem, &memSize);
    if (pc == NULL) return;
    DISPATCH();
}


// Memory 0's size and base are in registers (`memSize`, `mem`). The "_any" forms take any
// memory by its index in the instance's `memories`, for code that names another one.
// [dst]
HANDLER(memory_size) {
    PUT(uint32_t, OPERAND_LO(pc[1]), (uint32_t)(memSize / PAGE_SIZE));
    NEXT(2);
}
// [dst|memory]
HANDLER(memory_size_any) {
    PUT(uint32_t, OPERAND_LO(pc[1]), (uint32_t)(ctx->instance->memories[OPERAND_HI(pc[1])]->size / PAGE_SIZE));
    NEXT(2);
}
// [dst|delta] [memory] — any memory; then memory 0's registers are reloaded, whichever grew.
HANDLER(memory_grow) {
    int64_t old = hearth_memory_grow(ctx->instance->memories[pc[2]], SLOT(uint32_t, OPERAND_HI(pc[1])));
    PUT(uint32_t, OPERAND_LO(pc[1]), (uint32_t)old);
    RELOAD_MEMORY();
    NEXT(3);
}
// [dst|value] [count]
HANDLER(memory_fill) {
    uint64_t dst = SLOT(uint32_t, OPERAND_LO(pc[1]));
    uint64_t count = SLOT(uint32_t, OPERAND_LO(pc[2]));
    if (dst + count > memSize) TRAP(HTRAP_MEMORY_OUT_OF_BOUNDS);
    memset(mem + dst, (int)SLOT(uint32_t, OPERAND_HI(pc[1])), count);
    NEXT(3);
}
// [dst|value] [count|memory]
HANDLER(memory_fill_any) {
    const HMemory *memory = ctx->instance->memories[OPERAND_HI(pc[2])];
    uint64_t dst = SLOT(uint32_t, OPERAND_LO(pc[1]));
    uint64_t count = SLOT(uint32_t, OPERAND_LO(pc[2]));
    if (dst + count > memory->size) TRAP(HTRAP_MEMORY_OUT_OF_BOUNDS);
    memset(memory->base + dst, (int)SLOT(uint32_t, OPERAND_HI(pc[1])), count);
    NEXT(3);
}
// [dst|src] [count]
HANDLER(memory_copy) {
    uint64_t dst = SLOT(uint32_t, OPERAND_LO(pc[1]));
    uint64_t src = SLOT(uint32_t, OPERAND_HI(pc[1]));
    uint64_t count = SLOT(uint32_t, OPERAND_LO(pc[2]));
    if (dst + count > memSize || src + count > memSize) TRAP(HTRAP_MEMORY_OUT_OF_BOUNDS);
    memmove(mem + dst, mem + src, count);
    NEXT(3);
}
// [dst|src] [count] [dst memory|src memory]
HANDLER(memory_copy_any) {
    const HMemory *dstMemory = ctx->instance->memories[OPERAND_LO(pc[3])];
    const HMemory *srcMemory = ctx->instance->memories[OPERAND_HI(pc[3])];
    uint64_t dst = SLOT(uint32_t, OPERAND_LO(pc[1]));
    uint64_t src = SLOT(uint32_t, OPERAND_HI(pc[1]));
    uint64_t count = SLOT(uint32_t, OPERAND_LO(pc[2]));
    if (dst + count > dstMemory->size || src + count > srcMemory->size) TRAP(HTRAP_MEMORY_OUT_OF_BOUNDS);
    memmove(dstMemory->base + dst, srcMemory->base + src, count);
    NEXT(4);
}
// [dst|src] [count|segment] [memory] — any memory.
HANDLER(memory_init) {
    HSegment *segment = &ctx->instance->dataSegments[OPERAND_HI(pc[2])];
    const HMemory *memory = ctx->instance->memories[pc[3]];
    uint64_t dst = SLOT(uint32_t, OPERAND_LO(pc[1]));
    uint64_t src = SLOT(uint32_t, OPERAND_HI(pc[1]));
    uint64_t count = SLOT(uint32_t, OPERAND_LO(pc[2]));
    if (src + count > segment->length || dst + count > memory->size) TRAP(HTRAP_MEMORY_OUT_OF_BOUNDS);
    if (count) memcpy(memory->base + dst, (const uint8_t *)segment->bytes + src, count);
    NEXT(4);
}
// [segment]
HANDLER(data_drop) {
    ctx->instance->dataSegments[pc[1]].length = 0;
    NEXT(2);
}

// [dst|index] [table]
HANDLER(table_get) {
    HTable *table = ctx->instance->tables[pc[2]];
    uint32_t index = SLOT(uint32_t, OPERAND_HI(pc[1]));
    if (index >= table->size) TRAP(HTRAP_TABLE_OUT_OF_BOUNDS);
    SLOT(uint64_t, OPERAND_LO(pc[1])) = table->elements[index];
    NEXT(3);
}
// [index|value] [table]
HANDLER(table_set) {
    HTable *table = ctx->instance->tables[pc[2]];
    uint32_t index = SLOT(uint32_t, OPERAND_LO(pc[1]));
    if (index >= table->size) TRAP(HTRAP_TABLE_OUT_OF_BOUNDS);
    table->elements[index] = SLOT(uint64_t, OPERAND_HI(pc[1]));
    NEXT(3);
}
// [dst|table]
HANDLER(table_size) {
    PUT(uint32_t, OPERAND_LO(pc[1]), ctx->instance->tables[OPERAND_HI(pc[1])]->size);
    NEXT(2);
}
// [dst|initial] [count|table]
HANDLER(table_grow) {
    HTable *table = ctx->instance->tables[OPERAND_HI(pc[2])];
    int64_t old = hearth_table_grow(table, SLOT(uint32_t, OPERAND_LO(pc[2])), SLOT(uint64_t, OPERAND_HI(pc[1])));
    PUT(uint32_t, OPERAND_LO(pc[1]), (uint32_t)old);
    NEXT(3);
}
// [index|value] [count|table]
HANDLER(table_fill) {
    HTable *table = ctx->instance->tables[OPERAND_HI(pc[2])];
    uint64_t index = SLOT(uint32_t, OPERAND_LO(pc[1]));
    uint64_t count = SLOT(uint32_t, OPERAND_LO(pc[2]));
    if (index + count > table->size) TRAP(HTRAP_TABLE_OUT_OF_BOUNDS);
    uint64_t value = SLOT(uint64_t, OPERAND_HI(pc[1]));
    for (uint64_t i = 0; i < count; i++) table->elements[index + i] = value;
    NEXT(3);
}
// [dst|src] [count] [dst table|src table]
HANDLER(table_copy) {
    HTable *dstTable = ctx->instance->tables[OPERAND_LO(pc[3])];
    HTable *srcTable = ctx->instance->tables[OPERAND_HI(pc[3])];
    uint64_t dst = SLOT(uint32_t, OPERAND_LO(pc[1]));
    uint64_t src = SLOT(uint32_t, OPERAND_HI(pc[1]));
    uint64_t count = SLOT(uint32_t, OPERAND_LO(pc[2]));
    if (dst + count > dstTable->size || src + count > srcTable->size) TRAP(HTRAP_TABLE_OUT_OF_BOUNDS);
    if (count) memmove(dstTable->elements + dst, srcTable->elements + src, count * 8);
    NEXT(4);
}
// [dst|src] [count|table] [segment]
HANDLER(table_init) {
    HTable *table = ctx->instance->tables[OPERAND_HI(pc[2])];
    HSegment *segment = &ctx->instance->elementSegments[pc[3]];
    uint64_t dst = SLOT(uint32_t, OPERAND_LO(pc[1]));
    uint64_t src = SLOT(uint32_t, OPERAND_HI(pc[1]));
    uint64_t count = SLOT(uint32_t, OPERAND_LO(pc[2]));
    if (src + count > segment->length || dst + count > table->size) TRAP(HTRAP_TABLE_OUT_OF_BOUNDS);
    if (count) memcpy(table->elements + dst, (const uint64_t *)segment->bytes + src, count * 8);
    NEXT(4);
}
// [segment]
HANDLER(elem_drop) {
    ctx->instance->elementSegments[pc[1]].length = 0;
    NEXT(2);
}

// [dst|function index]
HANDLER(ref_func) {
    SLOT(uint64_t, OPERAND_LO(pc[1])) = (uint64_t)(uintptr_t)ctx->instance->functions[OPERAND_HI(pc[1])];
    NEXT(2);
}
// [dst|src]
HANDLER(ref_as_non_null) {
    uint64_t reference = SLOT(uint64_t, OPERAND_HI(pc[1]));
    if (reference == 0) TRAP(HTRAP_NULL_REFERENCE);
    SLOT(uint64_t, OPERAND_LO(pc[1])) = reference;
    NEXT(2);
}
// [dst|src]
HANDLER(ref_is_null) {
    PUT(uint32_t, OPERAND_LO(pc[1]), SLOT(uint64_t, OPERAND_HI(pc[1])) == 0);
    NEXT(2);
}

// [dst|cond] [a|b] — select of two v128 values (two slots each).
HANDLER(select_v128) {
    uint32_t cond = SLOT(uint32_t, OPERAND_HI(pc[1]));
    uint32_t from = cond ? OPERAND_LO(pc[2]) : OPERAND_HI(pc[2]);
    memmove(fp + OPERAND_LO(pc[1]), fp + from, 16);
    NEXT(3);
}
// [dst|global index]
HANDLER(global_get_v128) {
    HGlobal *global = ctx->instance->globals[OPERAND_HI(pc[1])];
    SLOT(uint64_t, OPERAND_LO(pc[1])) = global->value;
    SLOT(uint64_t, OPERAND_LO(pc[1]) + 8) = global->high;
    NEXT(2);
}
// [src|global index]
HANDLER(global_set_v128) {
    HGlobal *global = ctx->instance->globals[OPERAND_HI(pc[1])];
    global->value = SLOT(uint64_t, OPERAND_LO(pc[1]));
    global->high = SLOT(uint64_t, OPERAND_LO(pc[1]) + 8);
    NEXT(2);
}
