#include "common.h"
static int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
EXPORT(run) u64 run(int n) { return (u64)fib(n); }
