package asks

import (
	"math/rand/v2"
	"warmloop/internal/mail"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
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

// chooseCopy picks the copy for an ask's touch: an active variant for that
// touch (the first ask, or a follow-up) drawn by weight, or, with none, the
// ask_email page.
func chooseCopy(app core.App, touch int) (mail.Copy, error) {
	return newCopyDraw(app).draw(touch)
}

// Draws keeps the variants each touch draws from while many asks are
// written in one transaction (a batch of moments), read once for all of
// them: inside the transaction nothing else changes a variant. It is good
// for that one transaction only. A nil *Draws reads them for every ask.
type Draws struct {
	draw *copyDraw
}

// chooseCopy is chooseCopy, reading the variants once through d.
func (d *Draws) chooseCopy(app core.App, touch int) (mail.Copy, error) {
	if d == nil {
		return chooseCopy(app, touch)
	}
	if d.draw == nil {
		d.draw = newCopyDraw(app)
	}
	return d.draw.draw(touch)
}

// copyDraw draws the copies of many asks: it reads the drawable variants of
// each kind of touch, and the ask_email page, once, when first needed, and
// draws each ask's copy from them by weight.
type copyDraw struct {
	app      core.App
	variants map[string][]*core.Record // by touch kind
	page     *mail.Copy
}

// newCopyDraw is a draw that reads its variants from app.
func newCopyDraw(app core.App) *copyDraw {
	return &copyDraw{app: app, variants: map[string][]*core.Record{}}
}

// draw picks the copy for one ask of touch.
func (d *copyDraw) draw(touch int) (mail.Copy, error) {
	kind := touchKind(touch)
	variants, ok := d.variants[kind]
	if !ok {
		var err error
		if variants, err = d.app.FindAllRecords("variants", dbx.HashExp{"touch": kind}, drawable()); err != nil {
			return mail.Copy{}, err
		}
		d.variants[kind] = variants
	}
	if len(variants) > 0 {
		weights := make([]int, len(variants))
		total := 0
		for i, v := range variants {
			weights[i] = v.GetInt("weight")
			total += weights[i]
		}
		v := variants[pickWeighted(weights, rand.IntN(total))]
		return mail.Copy{Variant: v.GetString("name"), Subject: v.GetString("subject"), Body: v.GetString("body")}, nil
	}
	if d.page == nil {
		page, err := mail.PageCopy(d.app)
		if err != nil {
			return mail.Copy{}, err
		}
		d.page = &page
	}
	return *d.page, nil
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
	ID, Touch string
	Weight    int
	Active    bool
}

// Shares says what share of its touch's asks each active variant gets, in
// whole percent, as chooseCopy draws them: by weight among the active
// variants of that touch. An inactive variant, or one of a touch with no
// weight at all, has no share. Uncovered lists, in order, the touches no
// active variant covers: their asks use the ask_email page.
func Shares(variants []Weighted) (shares map[string]int, uncovered []string) {
	total := map[string]int{}
	for _, v := range variants {
		if v.Active {
			total[v.Touch] += v.Weight
		}
	}
	shares = map[string]int{}
	for _, v := range variants {
		if t := total[v.Touch]; v.Active && t > 0 {
			shares[v.ID] = (100*v.Weight + t/2) / t
		}
	}
	for _, t := range Touches {
		if total[t] == 0 {
			uncovered = append(uncovered, t)
		}
	}
	return shares, uncovered
}
