package asks

import (
	"math/rand/v2"
	"warmloop/internal/mail"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// chooseCopy picks the copy for an ask's touch: an active variant for that
// touch (the first ask, or a follow-up) drawn by weight, or, with none, the
// ask_email page.
func chooseCopy(app core.App, touch int) (mail.Copy, error) {
	kind := "first"
	if touch > 1 {
		kind = "followup"
	}
	variants, err := app.FindAllRecords("variants",
		dbx.HashExp{"touch": kind, "active": true}, dbx.NewExp("weight > 0"))
	if err != nil {
		return mail.Copy{}, err
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
	return mail.PageCopy(app)
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
