package pages

import (
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/pocketbase/pocketbase/core"
)

// cacheKey is where the rendered pages live in the app's store.
const cacheKey = "warmloop.pages"

// Cached returns what build made under key, building it on first use. It
// stays until Forget, which the hooks call whenever a page, the settings, an
// incentive, a tier or a variant changes: everything a page is made of.
func Cached[T any](app core.App, key string, build func() (T, error)) (T, error) {
	m := app.Store().GetOrSet(cacheKey, func() any { return &sync.Map{} }).(*sync.Map)
	if v, ok := m.Load(key); ok {
		return v.(T), nil
	}
	v, err := build()
	if err != nil {
		return v, err
	}
	m.Store(key, v)
	return v, nil
}

// Forget drops every rendered page; the next reader builds them again.
// Caches kept elsewhere compare Generation to know their copies are stale.
func Forget(app core.App) {
	app.Store().Remove(cacheKey)
	generation(app).Add(1)
}

// Generation counts the calls to Forget: anything built from pages is
// stale once it changes.
func Generation(app core.App) uint64 {
	return generation(app).Load()
}

func generation(app core.App) *atomic.Uint64 {
	return app.Store().GetOrSet("warmloop.pages.generation", func() any { return &atomic.Uint64{} }).(*atomic.Uint64)
}

// Page is a markdown page from the pages collection, rendered.
type Page struct {
	Title  string    // as authored, with its {{variables}}
	Source string    // the markdown, for a plain-text alternative
	Body   *Compiled // rendered once
	Text   *Compiled // the plain-text alternative, prepared once
}

// Load returns the page with this slug in the reader's language (Find:
// lang, then the program's default, then English) rendered: fixed filled
// in, people and system left as slots. It is read and rendered once per
// language, then cached until something it is made of changes.
func Load(app core.App, slug, lang string, fixed Vars, people, system []string) (Page, error) {
	return Cached(app, "page:"+slug+"\x00"+lang, func() (Page, error) {
		r, err := Find(app, slug, lang)
		if err != nil {
			return Page{}, fmt.Errorf("the %s page: %w", slug, err)
		}
		body, err := Compile(r.GetString("body"), fixed, people, system)
		if err != nil {
			return Page{}, fmt.Errorf("rendering the %s page: %w", slug, err)
		}
		return Page{Title: r.GetString("title"), Source: r.GetString("body"), Body: body, Text: CompileText(r.GetString("body"))}, nil
	})
}
