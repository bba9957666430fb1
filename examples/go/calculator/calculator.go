// A running total behind a handle: Go's counterpart of examples/rust/calculator.
package main

// A running total that lives in guest memory behind a handle.
//
//hearth:class
type Calculator struct {
	value int32
}

// Starts a calculator at initial.
//
//hearth:constructor
func NewCalculator(initial int32) *Calculator {
	return &Calculator{value: initial}
}

// Adds x and returns the new value.
//
//hearth:export add
func (c *Calculator) Add(x int32) int32 {
	c.value += x
	return c.value
}

// The current value.
//
//hearth:export value
func (c *Calculator) Value() int32 {
	return c.value
}

// Compares with another calculator, which stays usable.
//
//hearth:export equals
func (c *Calculator) Equals(other *Calculator) bool {
	return c.value == other.value
}

// A static constructor.
//
//hearth:static Calculator zero
func zero() *Calculator {
	return &Calculator{}
}

// Consumes the calculator and returns its final value.
//
//hearth:export finish consume
func (c *Calculator) Finish() int32 {
	return c.value
}

// A reactor (-buildmode=c-shared) still needs a main; it never runs.
func main() {}
