package mockapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
)

// store is the in-memory table of one kind of object of one fake platform. Every
// platform embeds one, so Count, Get, All, Edit and Delete are the same everywhere,
// and values are copied out: a caller never holds a pointer into the store.
//
// The store shares its platform's mutex, so a handler that checks and then inserts
// (a unique name, say) does both under one lock. The exported methods take the lock;
// the lower-case ones expect the caller to hold it.
type store[K comparable, V any] struct {
	mu    *sync.Mutex
	items map[K]*V
	seq   map[K]int
	n     int
	cfg   storeConfig[K, V]
}

// storeConfig says how a store knows its objects.
type storeConfig[K comparable, V any] struct {
	// key returns an object's key.
	key func(*V) K
	// parse turns the text of a key (from a URL) into a key.
	parse func(string) (K, error)
	// less orders All; nil keeps insertion order.
	less func(a, b *V) bool
	// clone deep-copies what a shallow copy would share (slices, maps); nil when nothing is shared.
	clone func(*V)
	// touched runs after an Edit (a modification timestamp), with the lock held.
	touched func(*V)
}

func newStore[K comparable, V any](mu *sync.Mutex, cfg storeConfig[K, V]) store[K, V] {
	return store[K, V]{mu: mu, items: map[K]*V{}, seq: map[K]int{}, cfg: cfg}
}

// copyOf returns a copy of v that shares nothing with the store.
func (s *store[K, V]) copyOf(v *V) V {
	c := *v
	if s.cfg.clone != nil {
		s.cfg.clone(&c)
	}
	return c
}

// Count returns how many objects the platform holds.
func (s *store[K, V]) Count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.items)
}

// Get returns a copy of the object with this key, or nil.
func (s *store[K, V]) Get(k K) *V {
	s.mu.Lock()
	defer s.mu.Unlock()
	if v, ok := s.items[k]; ok {
		c := s.copyOf(v)
		return &c
	}
	return nil
}

// All returns copies of every object, in the platform's order.
func (s *store[K, V]) All() []V {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.all()
}

// Edit changes an object behind the provider's back; it reports whether it existed.
func (s *store[K, V]) Edit(k K, f func(*V)) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.items[k]
	if ok {
		f(v)
		if s.cfg.touched != nil {
			s.cfg.touched(v)
		}
	}
	return ok
}

// Delete removes an object behind the provider's back; it reports whether it existed.
func (s *store[K, V]) Delete(k K) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.items[k]
	s.del(k)
	return ok
}

// stored returns the stored object itself; the lock is held.
func (s *store[K, V]) stored(k K) (*V, bool) {
	v, ok := s.items[k]
	return v, ok
}

// put stores v under its key (replacing an object with that key); the lock is held.
func (s *store[K, V]) put(v *V) {
	k := s.cfg.key(v)
	if _, ok := s.items[k]; !ok {
		s.n++
		s.seq[k] = s.n
	}
	s.items[k] = v
}

// del removes an object; the lock is held.
func (s *store[K, V]) del(k K) {
	delete(s.items, k)
	delete(s.seq, k)
}

// first returns the first stored object (in All's order) for which match is true; the lock is held.
func (s *store[K, V]) first(match func(*V) bool) *V {
	var found *V
	for _, v := range s.items {
		if match(v) && (found == nil || s.before(v, found)) {
			found = v
		}
	}
	return found
}

func (s *store[K, V]) before(a, b *V) bool {
	if s.cfg.less != nil {
		return s.cfg.less(a, b)
	}
	return s.seq[s.cfg.key(a)] < s.seq[s.cfg.key(b)]
}

// all returns copies of every object in order; the lock is held.
func (s *store[K, V]) all() []V {
	ptrs := make([]*V, 0, len(s.items))
	for _, v := range s.items {
		ptrs = append(ptrs, v)
	}
	sort.Slice(ptrs, func(i, j int) bool { return s.before(ptrs[i], ptrs[j]) })
	out := make([]V, len(ptrs))
	for i, v := range ptrs {
		out[i] = s.copyOf(v)
	}
	return out
}

// errNoObject is a /_mock edit or delete of a key the store does not hold.
var errNoObject = errors.New("no such object")

// controlDelete deletes the object whose key is the text id (the /_mock API).
func (s *store[K, V]) controlDelete(id string) error {
	k, err := s.cfg.parse(id)
	if err != nil {
		return errNoObject
	}
	if !s.Delete(k) {
		return errNoObject
	}
	return nil
}

// controlPatch applies a JSON object of fields to the object whose key is the text
// id (the /_mock API): the fields named in patch change, every other field stays. A
// field the object does not have, or a change of the key, is refused. It returns the
// object as JSON without its secrets.
func (s *store[K, V]) controlPatch(id string, patch []byte) (map[string]any, error) {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(patch, &fields); err != nil || fields == nil {
		return nil, errors.New("the body must be a JSON object of the fields to change")
	}
	k, err := s.cfg.parse(id)
	if err != nil {
		return nil, errNoObject
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.items[k]
	if !ok {
		return nil, errNoObject
	}
	next := s.copyOf(v)
	dec := json.NewDecoder(bytes.NewReader(patch))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&next); err != nil {
		return nil, fmt.Errorf("the fields do not fit the object: %w", err)
	}
	if s.cfg.key(&next) != k {
		return nil, errors.New("the object's id cannot be changed")
	}
	*v = next
	if s.cfg.touched != nil {
		s.cfg.touched(v)
	}
	return withoutSecrets(v)
}

// withoutSecrets renders v as a JSON object and leaves out every member whose name
// says it holds a secret, so a /_mock answer never shows one.
func withoutSecrets(v any) (map[string]any, error) {
	raw, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, err
	}
	for name := range m {
		if strings.Contains(strings.ToLower(name), "secret") {
			delete(m, name)
		}
	}
	return m, nil
}

// controllable is a store as the /_mock API sees it.
type controllable interface {
	controlDelete(id string) error
	controlPatch(id string, patch []byte) (map[string]any, error)
}

func identity(s string) (string, error) { return s, nil }

// setLocked sets *field to v under mu: the body of the platforms' Set… knobs.
func setLocked[T any](mu *sync.Mutex, field *T, v T) {
	mu.Lock()
	defer mu.Unlock()
	*field = v
}
