// Instruction statistics (build with -DHEARTH_SWITCH_DISPATCH -DHEARTH_STATS): counts of
// executed operations and of runs of two and three, printed to standard error at exit. A run
// is operations that directly follow each other in the code and executed one after the other:
// a taken branch, a call or a return ends it, since no superinstruction could span them.
// They are how superinstructions are chosen: from what workloads execute, not from guesses.
// Add -DHEARTH_NO_SUPERINSTRUCTIONS to count the plain operations, which no pair replaces
// (and no accumulator form: each operation is counted under its own name).
#include <stdio.h>

static uint64_t opCounts[HOP_COUNT];
static uint64_t pairCounts[HOP_COUNT][HOP_COUNT];
#define TRIPLE_BUCKETS 65536
static struct { uint16_t a, b, c; uint64_t count; } tripleCounts[TRIPLE_BUCKETS];
static int previous1 = -1, previous2 = -1;
static const uint64_t *previousPC;
static int statisticsRegistered;



static void printTop(const char *title, uint64_t total, int pairs) {
    fprintf(stderr, "%s\n", title);
    for (int rank = 0; rank < 80; rank++) {
        uint64_t best = 0; int bi = -1, bj = -1, bk = -1;
        if (pairs == 1) {
            for (int i = 0; i < HOP_COUNT; i++) for (int j = 0; j < HOP_COUNT; j++)
                if (pairCounts[i][j] > best) { best = pairCounts[i][j]; bi = i; bj = j; }
            if (bi < 0) break;
            fprintf(stderr, "  %6.2f%%  %s -> %s\n", 100.0 * best / total, opNames[bi], opNames[bj]);
            pairCounts[bi][bj] = 0;
        } else if (pairs == 2) {
            for (int t = 0; t < TRIPLE_BUCKETS; t++)
                if (tripleCounts[t].count > best) { best = tripleCounts[t].count; bi = t; }
            if (bi < 0) break;
            fprintf(stderr, "  %6.2f%%  %s -> %s -> %s\n", 100.0 * best / total, opNames[tripleCounts[bi].a],
                    opNames[tripleCounts[bi].b], opNames[tripleCounts[bi].c]);
            tripleCounts[bi].count = 0;
        } else {
            for (int i = 0; i < HOP_COUNT; i++) if (opCounts[i] > best) { best = opCounts[i]; bi = i; }
            if (bi < 0) break;
            fprintf(stderr, "  %6.2f%%  %s\n", 100.0 * best / total, opNames[bi]);
            opCounts[bi] = 0;
        }
        (void)bk;
    }
}

static void printStatistics(void) {
    uint64_t total = 0;
    for (int i = 0; i < HOP_COUNT; i++) total += opCounts[i];
    if (!total) return;
    fprintf(stderr, "executed %llu operations\n", (unsigned long long)total);
    printTop("top operations:", total, 0);
    printTop("top pairs:", total, 1);
    printTop("top triples:", total, 2);
}

static inline void countExecution(const uint64_t *pc) {
    const HOp op = (HOp)pc[0];
    if (!statisticsRegistered) { statisticsRegistered = 1; atexit(printStatistics); }
    opCounts[op]++;
    if (previous1 < 0 || fallThroughWords[previous1] == 0 || pc != previousPC + fallThroughWords[previous1])
        previous1 = previous2 = -1;  // not the next instruction: a new run starts here
    previousPC = pc;
    if (previous1 >= 0) pairCounts[previous1][op]++;
    if (previous2 >= 0) {
        unsigned hash = ((unsigned)previous2 * 31u + (unsigned)previous1) * 31u + op;
        for (unsigned probe = 0; probe < TRIPLE_BUCKETS; probe++) {
            unsigned slot = (hash + probe) & (TRIPLE_BUCKETS - 1);
            if (tripleCounts[slot].count == 0) {
                tripleCounts[slot].a = (uint16_t)previous2; tripleCounts[slot].b = (uint16_t)previous1;
                tripleCounts[slot].c = (uint16_t)op;
            } else if (tripleCounts[slot].a != previous2 || tripleCounts[slot].b != previous1 || tripleCounts[slot].c != op) {
                continue;
            }
            tripleCounts[slot].count++;
            break;
        }
    }
    previous2 = previous1;
    previous1 = op;
}
#undef COUNT_EXECUTION
#define COUNT_EXECUTION(pc) countExecution(pc)
