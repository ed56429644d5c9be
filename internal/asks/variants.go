package asks

import (
	"math/rand/v2"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// copyFor is the subject and markdown body an ask's email uses, and the
// variant name recorded on the ask.
type copyFor struct {
	Variant, Subject, Body string
}

// chooseCopy picks the copy for an ask's touch: an active variant for that
// touch (the first ask, or a follow-up) drawn by weight, or, with none, the
// ask_email page.
func chooseCopy(app core.App, touch int) (copyFor, error) {
	kind := "first"
	if touch > 1 {
		kind = "followup"
	}
	variants, err := app.FindAllRecords("variants",
		dbx.HashExp{"touch": kind, "active": true}, dbx.NewExp("weight > 0"))
	if err != nil {
		return copyFor{}, err
	}
	if len(variants) > 0 {
		weights := make([]int, len(variants))
		total := 0
		for i, v := range variants {
			weights[i] = v.GetInt("weight")
			total += weights[i]
		}
		v := variants[pickWeighted(weights, rand.IntN(total))]
		return copyFor{Variant: v.GetString("name"), Subject: v.GetString("subject"), Body: v.GetString("body")}, nil
	}
	page, err := app.FindFirstRecordByData("pages", "slug", "ask_email")
	if err != nil {
		return copyFor{}, err
	}
	return copyFor{Variant: "ask_email", Subject: page.GetString("title"), Body: page.GetString("body")}, nil
}

// copyOf is the copy an ask was given: its variant if that still exists,
// else the ask_email page.
func copyOf(app core.App, variant string) (copyFor, error) {
	if v, err := app.FindFirstRecordByData("variants", "name", variant); err == nil {
		return copyFor{Variant: variant, Subject: v.GetString("subject"), Body: v.GetString("body")}, nil
	}
	page, err := app.FindFirstRecordByData("pages", "slug", "ask_email")
	if err != nil {
		return copyFor{}, err
	}
	return copyFor{Variant: "ask_email", Subject: page.GetString("title"), Body: page.GetString("body")}, nil
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
