package site

import (
	"fmt"
	"sync"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"golang.org/x/sync/singleflight"

	"warmloop/internal/pages"
)

// pageCacheMax bounds how many rendered pages are kept; when full, the
// cache starts over. A landing page is about 10 kB.
const pageCacheMax = 4096

// pageCache keeps whole rendered pages whose key names every input they
// were made from; anything else they depend on (the markdown, the settings,
// incentives, tiers) bumps pages.Generation, which empties it. A key is a
// string or a struct of comparable fields, one type per page, so a new
// input (a locale, say) is one more field.
type pageCache struct {
	mu  sync.Mutex
	gen uint64
	m   map[any]keptPage
	// building renders a missing page once, however many requests want it
	// at the same moment.
	building singleflight.Group
}

// keptPage is a rendered page and when it was rendered.
type keptPage struct {
	page []byte
	at   time.Time
}

// HasPage reports whether a page is kept under key for the pages' current
// generation.
func HasPage(app core.App, key any) bool {
	c, ok := app.Store().Get("warmloop.views.pages").(*pageCache)
	if !ok {
		return false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	_, kept := c.m[key]
	return kept && c.gen == pages.Generation(app)
}

// CachedPage returns the page rendered under key, rendering it on a miss.
// The key must be comparable (no slices, maps or funcs in it).
func CachedPage(app core.App, key any, build func() ([]byte, error)) ([]byte, error) {
	return CachedPageFor(app, key, 0, build)
}

// CachedPageFor is CachedPage for a page whose inputs can also change where
// no hook sees it (another process writing the database): it is rendered
// again once it is older than maxAge (0: kept until its key or the
// generation changes).
func CachedPageFor(app core.App, key any, maxAge time.Duration, build func() ([]byte, error)) ([]byte, error) {
	c := app.Store().GetOrSet("warmloop.views.pages", func() any { return &pageCache{} }).(*pageCache)
	gen := pages.Generation(app)
	now := time.Now()
	c.mu.Lock()
	if c.gen != gen || c.m == nil || len(c.m) >= pageCacheMax {
		c.gen, c.m = gen, map[any]keptPage{}
	}
	kept, ok := c.m[key]
	c.mu.Unlock()
	if ok && (maxAge <= 0 || now.Sub(kept.at) < maxAge) {
		return kept.page, nil
	}
	// A miss only: the key written out names the page for singleflight.
	b, err, _ := c.building.Do(fmt.Sprintf("%d\x00%T%#v", gen, key, key), func() (any, error) {
		b, err := build()
		if err != nil {
			return nil, err
		}
		c.mu.Lock()
		if c.gen == gen {
			c.m[key] = keptPage{b, time.Now()}
		}
		c.mu.Unlock()
		return b, nil
	})
	if err != nil {
		return nil, err
	}
	return b.([]byte), nil
}
