// Package keep holds what a page reads from the database on every view in
// memory, per key, until a change to it commits: the hooks drop a key once
// its change is written, a generation number drops what was read under an
// older one, and an age bounds what a command running beside the server
// writes, which no hook here sees. The least recently used key goes first
// when the cache is full.
package keep

import (
	"sync"
	"time"

	"github.com/hashicorp/golang-lru/v2/simplelru"
)

// Cache keeps values of type V by key K.
type Cache[K comparable, V any] struct {
	mu sync.Mutex
	// epoch counts the drops. A reader notes it before it reads the
	// database and keeps what it read only if it is unchanged, so a change
	// committed while it read is never hidden behind a value read before.
	epoch  uint64
	maxAge time.Duration
	lru    *simplelru.LRU[K, kept[V]]
}

// kept is a value with what it was read under.
type kept[V any] struct {
	v   V
	gen uint64
	at  time.Time
}

// New makes a cache of at most size keys, each trusted for maxAge.
func New[K comparable, V any](size int, maxAge time.Duration) *Cache[K, V] {
	lru, err := simplelru.NewLRU[K, kept[V]](size, nil)
	if err != nil {
		panic(err) // only a size below 1
	}
	return &Cache[K, V]{lru: lru, maxAge: maxAge}
}

// Get returns the value kept under k, read under generation gen, or reads
// it on a miss and keeps it. A failed read is not kept.
func (c *Cache[K, V]) Get(k K, gen uint64, read func() (V, error)) (V, error) {
	c.mu.Lock()
	e, ok := c.lru.Get(k)
	epoch := c.epoch
	c.mu.Unlock()
	if ok && e.gen == gen && time.Since(e.at) < c.maxAge {
		return e.v, nil
	}
	v, err := read()
	if err != nil {
		return v, err
	}
	c.mu.Lock()
	if c.epoch == epoch {
		c.lru.Add(k, kept[V]{v: v, gen: gen, at: time.Now()})
	}
	c.mu.Unlock()
	return v, nil
}

// Drop forgets these keys: a change to them committed.
func (c *Cache[K, V]) Drop(keys ...K) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.epoch++
	for _, k := range keys {
		c.lru.Remove(k)
	}
}

// Purge forgets every key, for a change that touched many at once.
func (c *Cache[K, V]) Purge() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.epoch++
	c.lru.Purge()
}
