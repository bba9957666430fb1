#include "common.h"
#define COUNT 1000000
static int values[COUNT];
static void sort(int *v, int lo, int hi) {
    while (lo < hi) {
        int pivot = v[lo + (hi - lo) / 2], i = lo, j = hi;
        while (i <= j) {
            while (v[i] < pivot) i++;
            while (v[j] > pivot) j--;
            if (i <= j) { int t = v[i]; v[i] = v[j]; v[j] = t; i++; j--; }
        }
        if (j - lo < hi - i) { sort(v, lo, j); lo = i; } else { sort(v, i, hi); hi = j; }
    }
}
// Sorts `count` (at most a million) pseudo-random ints; returns a position-weighted checksum.
EXPORT(run) u64 run(int count) {
    if (count > COUNT) count = COUNT;
    lcg_state = 42;
    for (int i = 0; i < count; i++) values[i] = (int)lcg();
    sort(values, 0, count - 1);
    u64 checksum = 0;
    for (int i = 0; i < count; i += 97) checksum = checksum * 31 + (u32)values[i];
    return checksum;
}
