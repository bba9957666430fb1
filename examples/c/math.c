// A small guest for `hearth call`: plain C compiled to wasm32 with no libc.
#define EXPORT(name) __attribute__((export_name(#name)))

EXPORT(add) int add(int a, int b) { return a + b; }

EXPORT(fib) long long fib(int n) {
    long long a = 0, b = 1;
    for (int i = 0; i < n; i++) {
        long long next = a + b;
        a = b;
        b = next;
    }
    return a;
}

EXPORT(fib_recursive) int fib_recursive(int n) {
    return n < 2 ? n : fib_recursive(n - 1) + fib_recursive(n - 2);
}

EXPORT(divide) int divide(int a, int b) { return a / b; }

EXPORT(hypot) double hypot_(double x, double y) { return __builtin_sqrt(x * x + y * y); }

static unsigned char sieve[100000];

// Counts the primes below `limit` (at most 100000) with the sieve of Eratosthenes.
EXPORT(count_primes) int count_primes(int limit) {
    if (limit > 100000) limit = 100000;
    int count = 0;
    for (int i = 0; i < limit; i++) sieve[i] = 1;
    for (int i = 2; i < limit; i++) {
        if (!sieve[i]) continue;
        count++;
        for (int j = i * 2; j < limit; j += i) sieve[j] = 0;
    }
    return count;
}
