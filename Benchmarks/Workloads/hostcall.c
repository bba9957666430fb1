// Guest-to-host calls: a loop calling a host function the embedder provides (env.host_add).
#include "common.h"
__attribute__((import_module("env"), import_name("host_add"))) int host_add(int a, int b);
EXPORT(call_host) int call_host(int n) {
    int sum = 0;
    for (int i = 0; i < n; i++) sum = host_add(sum, i);
    return sum;
}
