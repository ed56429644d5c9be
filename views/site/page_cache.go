package site

import (
	"sync"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/pages"
)

// pageCacheMax bounds how many rendered pages are kept; when full, the
// cache starts over. A landing page is about 10 kB.
const pageCacheMax = 4096

// pageCache keeps whole rendered pages whose key names every input they
// were made from; anything else they depend on (the markdown, the settings,
// incentives, tiers) bumps pages.Generation, which empties it.
type pageCache struct {
	mu  sync.Mutex
	gen uint64
	m   map[string][]byte
}

// CachedPage returns the page rendered under key, rendering it on a miss.
func CachedPage(app core.App, key string, build func() ([]byte, error)) ([]byte, error) {
	c := app.Store().GetOrSet("warmloop.views.pages", func() any { return &pageCache{} }).(*pageCache)
	gen := pages.Generation(app)
	c.mu.Lock()
	if c.gen != gen || c.m == nil || len(c.m) >= pageCacheMax {
		c.gen, c.m = gen, map[string][]byte{}
	}
	b, ok := c.m[key]
	c.mu.Unlock()
	if ok {
		return b, nil
	}
	b, err := build()
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	if c.gen == gen {
		c.m[key] = b
	}
	c.mu.Unlock()
	return b, nil
}
