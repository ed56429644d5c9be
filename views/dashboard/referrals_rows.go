package dashboard

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/locale"
	"warmloop/internal/referrals"
)

// referralStatusLabel names a referral's status in the reader's language
// (dash.referrals.status.<status>); "" for a value that is no status.
func referralStatusLabel(sp locale.Speaker, status string) string {
	return catalogLabel(sp, "dash.referrals.status.", status, referrals.Statuses)
}

// referralFlagLabel names a review flag in the reader's language
// (dash.referrals.flag.<flag>); "" for none.
func referralFlagLabel(sp locale.Speaker, flag string) string {
	return catalogLabel(sp, "dash.referrals.flag.", flag, referralReviewFlags)
}

// referralReviewFlags are the flags that hold a referral for review.
var referralReviewFlags = []string{"duplicate", "self_referral"}

// referralRejectReasons name a flag in the lost reason a rejection stores
// on the record: stored data, written once in English whoever rejects.
var referralRejectReasons = map[string]string{"duplicate": "Duplicate", "self_referral": "Self-referral"}

// referralRow is one referral as the board, the table and the review list
// show it, with what its inline form needs.
type referralRow struct {
	referrals.Row
	// adminPage lends the row the reader's language, the program's zone
	// and currency, and the signed-in role.
	adminPage

	View          string // board, table or flagged: which fragment it is and where a form goes back to
	Back          string // the list URL a form returns to without htmx
	Age           string
	StatusLabel   string
	FlagLabel     string
	FlagReason    string
	Options       []referralOption
	PipelineInput string
	WonInput      string
	Errors        map[string]string
	Saved         string // a one-line confirmation after a save
}

// referralOption is one choice of a status select.
type referralOption struct {
	Value, Label string
	Selected     bool
}

// referralFilterFrom reads a filter from a list URL's query.
func referralFilterFrom(q url.Values) referrals.Filter {
	f := referrals.Filter{Q: strings.TrimSpace(q.Get("q")), Flagged: q.Get("view") == "flagged"}
	if slices.Contains(referrals.Statuses, q.Get("status")) {
		f.Status = q.Get("status")
	}
	return f
}

// referralRowsFor shows stored rows in a view of page, each form returning to back.
func referralRowsFor(page adminPage, rows []referrals.Row, view, back string) []referralRow {
	out := make([]referralRow, len(rows))
	now := time.Now()
	for i, r := range rows {
		out[i] = referralRow{Row: r, adminPage: page}
		out[i].prepare(view, back, now)
	}
	return out
}

// referralRowAt reads one referral as a row of view, its form returning to back.
func referralRowAt(page adminPage, app core.App, id, view, back string) (referralRow, error) {
	row, err := referrals.FindRow(app, id)
	if err != nil {
		return referralRow{}, err
	}
	return referralRowsFor(page, []referrals.Row{row}, view, back)[0], nil
}

// replace puts a row, as just refused, in place of the same referral on the screen.
func (p *referralsPage) replace(row referralRow) {
	for i := range p.Rows {
		if p.Rows[i].ID == row.ID {
			row.View = p.Rows[i].View
			p.Rows[i] = row
		}
	}
	for c := range p.Columns {
		for i := range p.Columns[c].Cards {
			if p.Columns[c].Cards[i].ID == row.ID {
				row.View = "board"
				p.Columns[c].Cards[i] = row
			}
		}
	}
}

// prepare fills what a row shows beyond its stored fields: its age, labels,
// the statuses it may move to and its form's values.
func (r *referralRow) prepare(view, back string, now time.Time) {
	r.View, r.Back = view, back
	r.Age = referralAge(r.Speaker, r.Created.Time(), now)
	r.StatusLabel = referralStatusLabel(r.Speaker, r.Status)
	r.FlagLabel = referralFlagLabel(r.Speaker, r.Flag)
	r.Options = referralOptions(r.Speaker, r.Status, r.Status)
	r.PipelineInput = referralAmountInput(r.Pipeline)
	r.WonInput = referralAmountInput(r.Won)
	if r.Errors == nil {
		r.Errors = map[string]string{}
	}
}

// referralOptions lists the statuses a referral in status from may move to
// (its own included), with chosen selected.
func referralOptions(sp locale.Speaker, from, chosen string) []referralOption {
	var out []referralOption
	for _, s := range referrals.Statuses {
		if referrals.CheckMove(from, s) == nil {
			out = append(out, referralOption{Value: s, Label: referralStatusLabel(sp, s), Selected: s == chosen})
		}
	}
	return out
}

// referralOptionsAsTyped lists the statuses a referral in status from may
// move to, with the one typed selected: a refused form shows it still
// chosen, beside the reason it was refused.
func referralOptionsAsTyped(sp locale.Speaker, from, typed string) []referralOption {
	out := referralOptions(sp, from, typed)
	if slices.Contains(referrals.Statuses, typed) && referrals.CheckMove(from, typed) != nil {
		out = append(out, referralOption{Value: typed, Label: referralStatusLabel(sp, typed), Selected: true})
	}
	return out
}

// referralStatusChoice is the table filter's status select, status selected.
func referralStatusChoice(sp locale.Speaker, status string) []referralOption {
	out := []referralOption{{Value: "", Label: sp.T("dash.referrals.any_status"), Selected: status == ""}}
	for _, s := range referrals.Statuses {
		out = append(out, referralOption{Value: s, Label: referralStatusLabel(sp, s), Selected: s == status})
	}
	return out
}

// referralAmountInput writes a stored amount as an input's value: "" for none.
func referralAmountInput(f float64) string {
	if f == 0 {
		return ""
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// referralAge says how long ago a referral was made, in the largest unit
// that fits, in the reader's language.
func referralAge(sp locale.Speaker, created, now time.Time) string {
	d := now.Sub(created)
	ago := func(n int, unit string) string { return sp.N("dash.referrals.age."+unit, n, "Count", n) }
	switch {
	case created.IsZero():
		return "–"
	case d < time.Hour:
		return sp.T("dash.referrals.age.now")
	case d < 24*time.Hour:
		return ago(int(d.Hours()), "hours")
	case d < 60*24*time.Hour:
		return ago(int(d.Hours()/24), "days")
	default:
		return ago(int(d.Hours()/24/30), "months")
	}
}

// referralFlagReason says why a referral was held for review, naming what
// it matched where the records still show it, in the page's language and zone.
func referralFlagReason(p adminPage, h referrals.Hold, email string) string {
	switch {
	case h.Flag == "self_referral":
		return p.T("dash.referrals.held.self", "Domain", h.Domain)
	case h.Flag != "duplicate":
		return ""
	case h.Earlier:
		return p.T("dash.referrals.held.earlier", "Email", email, "Name", h.EarlierBy, "Day", p.Day(h.EarlierAt))
	case h.Customer:
		return p.T("dash.referrals.held.customer", "Email", email)
	}
	return p.T("dash.referrals.held.someone")
}

// referralFragment names the fragment a view swaps for one referral.
func referralFragment(view string) string {
	if view == "table" {
		return "referral-row"
	}
	return "referral-card"
}

// referralBackFor is the list URL a row's form returns to: the current one, without its notice.
func referralBackFor(q url.Values) string {
	keep := url.Values{}
	for k, v := range q {
		if k != "notice" {
			keep[k] = v
		}
	}
	if len(keep) == 0 {
		return referralsPath
	}
	return referralsPath + "?" + keep.Encode()
}

// referralBackFrom accepts a posted return URL only when it is a referrals list.
func referralBackFrom(raw, fallback string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "" || u.Host != "" || u.Path != referralsPath {
		return fallback
	}
	return referralBackFor(u.Query())
}
