// The seed's Calculator: a running total behind a handle, with methods.
#include "hearth_abi.h"

typedef struct {
    int32_t value;
} Calculator;

HEARTH_CLASS(Calculator, calculator)

HEARTH_CONSTRUCTOR(Calculator, calculator, (I32, initial)) {
    Calculator *calculator = hearth_object_new(sizeof(Calculator));
    calculator->value = initial;
    return calculator;
}

// Adds `x` and returns the new value.
HEARTH_METHOD(Calculator, calculator, add, I32, (I32, x)) {
    self->value += x;
    return self->value;
}

HEARTH_METHOD(Calculator, calculator, value, I32) {
    return self->value;
}
