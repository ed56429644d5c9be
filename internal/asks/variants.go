package asks

import (
	"database/sql"
	"errors"
	"math/rand/v2"
	"sync"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/locale"
	"warmloop/internal/mail"
	"warmloop/internal/pages"
	"warmloop/internal/program"
)

// Touches are the kinds of ask a variant words, in order: the first ask,
// fired by a happy moment, and a follow-up from the cadence.
var Touches = []string{"first", "followup"}

// touchKind is the kind of ask touch n is: the first, or a follow-up.
func touchKind(touch int) string {
	if touch > 1 {
		return "followup"
	}
	return "first"
}

// chooseCopy picks the copy for an ask's touch to a person reading
// locales (locale.Chain, theirs first), in the first of those locales that
// has any: an active variant for that touch (the first ask, or a
// follow-up) drawn by weight, or, with none, the ask_email page. A German
// reader thus gets the German page before an English variant.
func chooseCopy(app core.App, touch int, locales []string) (mail.Copy, error) {
	return newCopyDraw(app).draw(touch, locales)
}

// localesOf is the order a customer's ask tries the locales in: theirs,
// then the program's default, then English.
func localesOf(s program.Settings, customer *core.Record) []string {
	return locale.Chain(customer.GetString("locale"), s.DefaultLocale)
}

// Draws keeps the variants each touch draws from while many asks are
// written in one transaction (a batch of moments), read once for all of
// them: inside the transaction nothing else changes a variant. It is good
// for that one transaction only. A nil *Draws reads them for every ask.
type Draws struct {
	draw *copyDraw
	// kept is the app whose committed variants the draws read from the
	// process's copy (keptVariants), when set (NewDraws).
	kept core.App
}

// NewDraws is a Draws whose variants come from the copy the process keeps
// of base's committed variants (keptVariants), read again only once a
// variant, a page or the settings changed: a batch of moments read them
// anew for every batch. For a transaction that changes no variant.
func NewDraws(base core.App) *Draws {
	return &Draws{kept: base}
}

// chooseCopy is chooseCopy, reading the variants once through d.
func (d *Draws) chooseCopy(app core.App, touch int, locales []string) (mail.Copy, error) {
	if d == nil {
		return chooseCopy(app, touch, locales)
	}
	if d.draw == nil {
		d.draw = newCopyDraw(app)
		d.draw.kept = d.kept
	}
	return d.draw.draw(touch, locales)
}

// copyDraw draws the copies of many asks: it reads the drawable variants of
// each kind of touch, and the ask_email page of each locale, once, when
// first needed, and draws each ask's copy from them by weight.
type copyDraw struct {
	app      core.App
	kept     core.App                             // when set, the variants come from keptVariants(kept, …)
	variants map[string]map[string][]*core.Record // by touch kind, then locale
	pages    map[string]mail.Copy                 // the ask_email page by locale; no Locale when there is none
}

// newCopyDraw is a draw that reads its variants from app.
func newCopyDraw(app core.App) *copyDraw {
	return &copyDraw{app: app, variants: map[string]map[string][]*core.Record{}, pages: map[string]mail.Copy{}}
}

// draw picks the copy for one ask of touch, to a person reading locales in
// that order.
func (d *copyDraw) draw(touch int, locales []string) (mail.Copy, error) {
	kind := touchKind(touch)
	byLocale, ok := d.variants[kind]
	if !ok {
		var err error
		if d.kept != nil {
			byLocale, err = keptVariants(d.kept, kind)
		} else {
			byLocale, err = drawableByLocale(d.app, kind)
		}
		if err != nil {
			return mail.Copy{}, err
		}
		d.variants[kind] = byLocale
	}
	for _, loc := range locales {
		if variants := byLocale[loc]; len(variants) > 0 {
			weights := make([]int, len(variants))
			total := 0
			for i, v := range variants {
				weights[i] = v.GetInt("weight")
				total += weights[i]
			}
			v := variants[pickWeighted(weights, rand.IntN(total))]
			return mail.Copy{Variant: v.GetString("name"), Locale: loc, Subject: v.GetString("subject"), Body: v.GetString("body")}, nil
		}
		page, found, err := d.page(loc)
		if err != nil || found {
			return page, err
		}
	}
	return mail.PageCopy(d.app)
}

// page is the ask_email page written in loc, read once, and whether there
// is one.
func (d *copyDraw) page(loc string) (mail.Copy, bool, error) {
	if page, ok := d.pages[loc]; ok {
		return page, page.Locale != "", nil
	}
	page, err := mail.PageIn(d.app, loc)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return mail.Copy{}, false, err
	}
	d.pages[loc] = page
	return page, page.Locale != "", nil
}

// pickWeighted returns the index whose share of the weights' total holds
// roll, for a roll in [0, total).
func pickWeighted(weights []int, roll int) int {
	for i, w := range weights {
		if roll < w {
			return i
		}
		roll -= w
	}
	return len(weights) - 1
}

// Weighted is a variant as the draw sees it.
type Weighted struct {
	ID, Touch, Locale string
	Weight            int
	Active            bool
}

// Shares says what share of its touch's asks in its locale each active
// variant gets, in whole percent, as the draw gives them: by weight among
// the active variants of that touch and locale. An inactive variant, or one
// of a touch and locale with no weight at all, has no share. Uncovered
// lists, in order, the touches no active variant covers in any locale:
// their asks use the ask_email page.
func Shares(variants []Weighted) (shares map[string]int, uncovered []string) {
	type group struct{ touch, locale string }
	total, byTouch := map[group]int{}, map[string]int{}
	for _, v := range variants {
		if v.Active {
			total[group{v.Touch, v.Locale}] += v.Weight
			byTouch[v.Touch] += v.Weight
		}
	}
	shares = map[string]int{}
	for _, v := range variants {
		if t := total[group{v.Touch, v.Locale}]; v.Active && t > 0 {
			shares[v.ID] = (100*v.Weight + t/2) / t
		}
	}
	for _, t := range Touches {
		if byTouch[t] == 0 {
			uncovered = append(uncovered, t)
		}
	}
	return shares, uncovered
}

// drawableByLocale reads the drawable variants of a kind of touch, by the
// locale they are written in (English for none).
func drawableByLocale(app core.App, kind string) (map[string][]*core.Record, error) {
	recs, err := app.FindAllRecords("variants", dbx.HashExp{"touch": kind}, drawable())
	if err != nil {
		return nil, err
	}
	byLocale := map[string][]*core.Record{}
	for _, v := range recs {
		loc := v.GetString("locale")
		if loc == "" {
			loc = locale.English
		}
		byLocale[loc] = append(byLocale[loc], v)
	}
	return byLocale, nil
}

// keptDrawable is a kind of touch's drawable variants as read while the
// page generation was gen.
type keptDrawable struct {
	gen      uint64
	byLocale map[string][]*core.Record
}

// keptVariants is drawableByLocale of app's committed variants, kept for
// the process and read again once pages.Generation moves on: the hooks move
// it whenever a variant (or a page, or the settings) is created, changed or
// deleted. The generation is taken before the read, so a change that
// commits during it leaves the copy stale at once. The records are shared:
// whoever draws from them only reads them.
func keptVariants(app core.App, kind string) (map[string][]*core.Record, error) {
	kept := app.Store().GetOrSet(keptVariantsKey, func() any { return &sync.Map{} }).(*sync.Map)
	gen := pages.Generation(app)
	if v, ok := kept.Load(kind); ok && v.(keptDrawable).gen == gen {
		return v.(keptDrawable).byLocale, nil
	}
	byLocale, err := drawableByLocale(app, kind)
	if err != nil {
		return nil, err
	}
	kept.Store(kind, keptDrawable{gen: gen, byLocale: byLocale})
	return byLocale, nil
}

// keptVariantsKey is where keptVariants keeps its copies in the app's store.
const keptVariantsKey = "warmloop.asks.drawable"
