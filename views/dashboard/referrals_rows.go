package dashboard

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/referrals"
	"warmloop/views/site"
)

// referralStatusLabels name the statuses for people.
var referralStatusLabels = map[string]string{
	referrals.Invited: "Invited", referrals.Visited: "Visited", referrals.Booked: "Booked",
	referrals.Qualified: "Qualified", referrals.Won: "Won", referrals.Lost: "Lost",
}

// referralFlagLabels name the review flags for people.
var referralFlagLabels = map[string]string{"duplicate": "Duplicate", "self_referral": "Self-referral"}

// referralRow is one referral as the board, the table and the review list
// show it, with what its inline form needs.
type referralRow struct {
	referrals.Row

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
	role          string // the signed-in role, which decides the buttons shown
}

// Can reports whether the signed-in role may use a route, so a row leaves
// out the buttons and links that would only be refused.
func (r referralRow) Can(pattern string) bool { return allows(r.role, pattern) }

// referralOption is one choice of a status select.
type referralOption struct {
	Value, Label string
	Selected     bool
}

// referralFilterFrom reads a filter from a list URL's query.
func referralFilterFrom(q url.Values) referrals.Filter {
	f := referrals.Filter{Q: strings.TrimSpace(q.Get("q")), Flagged: q.Get("view") == "flagged"}
	if _, ok := referralStatusLabels[q.Get("status")]; ok {
		f.Status = q.Get("status")
	}
	return f
}

// referralRowsFor shows stored rows in a view, each form returning to back.
func referralRowsFor(rows []referrals.Row, view, back, role string) []referralRow {
	out := make([]referralRow, len(rows))
	now := time.Now()
	for i, r := range rows {
		out[i] = referralRow{Row: r, role: role}
		out[i].prepare(view, back, now)
	}
	return out
}

// referralRowAt reads one referral as a row of view, its form returning to back.
func referralRowAt(app core.App, id, view, back, role string) (referralRow, error) {
	row, err := referrals.FindRow(app, id)
	if err != nil {
		return referralRow{}, err
	}
	return referralRowsFor([]referrals.Row{row}, view, back, role)[0], nil
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
	r.Age = referralAge(r.Created.Time(), now)
	r.StatusLabel = referralStatusLabels[r.Status]
	r.FlagLabel = referralFlagLabels[r.Flag]
	r.Options = referralOptions(r.Status, r.Status)
	r.PipelineInput = referralAmountInput(r.Pipeline)
	r.WonInput = referralAmountInput(r.Won)
	if r.Errors == nil {
		r.Errors = map[string]string{}
	}
}

// referralOptions lists the statuses a referral in status from may move to
// (its own included), with chosen selected.
func referralOptions(from, chosen string) []referralOption {
	var out []referralOption
	for _, s := range referrals.Statuses {
		if referrals.CheckMove(from, s) == nil {
			out = append(out, referralOption{Value: s, Label: referralStatusLabels[s], Selected: s == chosen})
		}
	}
	return out
}

// referralOptionsAsTyped lists the statuses a referral in status from may
// move to, with the one typed selected: a refused form shows it still
// chosen, beside the reason it was refused.
func referralOptionsAsTyped(from, typed string) []referralOption {
	out := referralOptions(from, typed)
	if _, known := referralStatusLabels[typed]; known && referrals.CheckMove(from, typed) != nil {
		out = append(out, referralOption{Value: typed, Label: referralStatusLabels[typed], Selected: true})
	}
	return out
}

// referralStatusChoice is the table filter's status select, status selected.
func referralStatusChoice(status string) []referralOption {
	out := []referralOption{{Value: "", Label: "Any status", Selected: status == ""}}
	for _, s := range referrals.Statuses {
		out = append(out, referralOption{Value: s, Label: referralStatusLabels[s], Selected: s == status})
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

// referralAge says how long ago a referral was made, in the largest unit that fits.
func referralAge(created, now time.Time) string {
	d := now.Sub(created)
	plural := func(n int, unit string) string {
		if n == 1 {
			return "1 " + unit + " ago"
		}
		return fmt.Sprintf("%d %ss ago", n, unit)
	}
	switch {
	case created.IsZero():
		return "–"
	case d < time.Hour:
		return "just now"
	case d < 24*time.Hour:
		return plural(int(d.Hours()), "hour")
	case d < 60*24*time.Hour:
		return plural(int(d.Hours()/24), "day")
	default:
		return plural(int(d.Hours()/24/30), "month")
	}
}

// referralFlagReason says why a referral was held for review, naming what
// it matched where the records still show it.
func referralFlagReason(h referrals.Hold, email string, loc *time.Location) string {
	switch {
	case h.Flag == "self_referral":
		return "The referee's address is at the referrer's own company domain (" + h.Domain + "): a colleague, or the referrer themself."
	case h.Flag != "duplicate":
		return ""
	case h.Earlier:
		return fmt.Sprintf("%s was already introduced by %s on %s.", email, h.EarlierBy, site.DateIn(h.EarlierAt, loc))
	case h.Customer:
		return email + " is already a customer."
	}
	return "Someone at this address or company domain is already a customer or an open referral."
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
