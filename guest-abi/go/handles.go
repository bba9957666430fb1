//go:build wasip1

package guestabi

// Handles maps the handles the host holds to Go values (class instances): a handle is what
// the constructor returns and each method receives. Handle 0 is never used (it means "none").
type Handles[T any] struct {
	values map[uint32]*T
	next   uint32
}

// Add stores value and returns its new handle.
func (h *Handles[T]) Add(value *T) uint32 {
	if h.values == nil {
		h.values = map[uint32]*T{}
	}
	h.next++
	h.values[h.next] = value
	return h.next
}

// Get returns the value behind handle; a freed or unknown handle panics (a trap for the host).
func (h *Handles[T]) Get(handle uint32) *T {
	value, ok := h.values[handle]
	if !ok {
		panic("guestabi: unknown or freed handle")
	}
	return value
}

// Take returns the value behind handle and forgets the handle (a method consuming `self`).
func (h *Handles[T]) Take(handle uint32) *T {
	value := h.Get(handle)
	delete(h.values, handle)
	return value
}

// Remove forgets handle (the class's free export).
func (h *Handles[T]) Remove(handle uint32) { delete(h.values, handle) }
