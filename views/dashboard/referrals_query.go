package dashboard

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"warmloop/internal/referrals"
	"warmloop/views/site"
)

// referralStatuses are the pipeline's statuses in board order.
var referralStatuses = []string{referrals.Invited, referrals.Visited, referrals.Booked, referrals.Qualified, referrals.Won, referrals.Lost}

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
	ID             string         `db:"id"`
	RefereeName    string         `db:"referee_name"`
	RefereeEmail   string         `db:"referee_email"`
	RefereeCompany string         `db:"referee_company"`
	Status         string         `db:"status"`
	Pipeline       float64        `db:"pipeline_value"`
	Won            float64        `db:"won_value"`
	Channel        string         `db:"channel"`
	Flag           string         `db:"flag"`
	LostReason     string         `db:"lost_reason"`
	Created        types.DateTime `db:"created"`
	ReferrerID     string         `db:"referrer_id"`
	ReferrerName   string         `db:"referrer_name"`
	ReferrerEmail  string         `db:"referrer_email"`

	// Filled in Go for the view.
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

// referralFilter is what the table, the review list and the export narrow by.
type referralFilter struct {
	Q       string
	Status  string
	Flagged bool // only referrals waiting for review
}

// referralFilterFrom reads a filter from a list URL's query.
func referralFilterFrom(q url.Values) referralFilter {
	f := referralFilter{Q: strings.TrimSpace(q.Get("q")), Flagged: q.Get("view") == "flagged"}
	if _, ok := referralStatusLabels[q.Get("status")]; ok {
		f.Status = q.Get("status")
	}
	return f
}

// referralSelect is the query for referral rows with their referrer.
func referralSelect(app core.App) *dbx.SelectQuery {
	return app.DB().Select("r.id", "r.referee_name", "r.referee_email", "r.referee_company", "r.status",
		"r.pipeline_value", "r.won_value", "r.channel", "r.flag", "r.lost_reason", "r.created",
		"r.referrer AS referrer_id", "COALESCE(c.name, '') AS referrer_name", "COALESCE(c.email, '') AS referrer_email").
		From("referrals r").
		LeftJoin("customers c", dbx.NewExp("c.id = r.referrer"))
}

// where narrows a referral query to the filter.
func (f referralFilter) where(q *dbx.SelectQuery) *dbx.SelectQuery {
	if f.Q != "" {
		q = q.AndWhere(containsAny(f.Q, "r.referee_name", "r.referee_email", "r.referee_company", "c.name"))
	}
	if f.Status != "" {
		q = q.AndWhere(dbx.HashExp{"r.status": f.Status})
	}
	if f.Flagged {
		q = q.AndWhere(dbx.NewExp("r.flag != '' AND r.status != 'lost'"))
	}
	return q
}

// countReferrals counts the referrals that match a filter.
func countReferrals(app core.App, f referralFilter) (int, error) {
	var n int
	q := app.DB().Select("COUNT(*)").From("referrals r")
	if f.Q != "" { // only a search reads the referrer's name
		q = q.LeftJoin("customers c", dbx.NewExp("c.id = r.referrer"))
	}
	err := f.where(q).Row(&n)
	return n, err
}

// findReferralRows lists one page of the referrals that match a filter, newest first.
func findReferralRows(app core.App, f referralFilter, limit, offset int) ([]referralRow, error) {
	var rows []referralRow
	err := f.where(referralSelect(app)).OrderBy("r.created DESC", "r.id DESC").Limit(int64(limit)).Offset(int64(offset)).All(&rows)
	return rows, err
}

// findReferralRow reads one referral as a row.
func findReferralRow(app core.App, id string) (referralRow, error) {
	var row referralRow
	err := referralSelect(app).Where(dbx.HashExp{"r.id": id}).One(&row)
	return row, err
}

// countReferralsByStatus counts every referral by status, for the board's columns.
func countReferralsByStatus(app core.App) (map[string]int, error) {
	return countByStatus(app, "referrals")
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
	for _, s := range referralStatuses {
		if referrals.CheckMove(from, s) == nil {
			out = append(out, referralOption{Value: s, Label: referralStatusLabels[s], Selected: s == chosen})
		}
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

// referralFlagReason explains why a referral was held for review, naming what
// it matched where the records still show it.
func referralFlagReason(app core.App, r referralRow) string {
	switch r.Flag {
	case "self_referral":
		return "The referee's address is at the referrer's own company domain (" + referrals.Domain(r.RefereeEmail) + "): a colleague, or the referrer themself."
	case "duplicate":
		var other struct {
			Name    string         `db:"name"`
			Created types.DateTime `db:"created"`
		}
		err := app.DB().NewQuery(`SELECT COALESCE(c.name, '') AS name, r.created FROM referrals r
			LEFT JOIN customers c ON c.id = r.referrer
			WHERE r.referee_email = {:email} AND r.id != {:id} ORDER BY r.created LIMIT 1`).
			Bind(dbx.Params{"email": r.RefereeEmail, "id": r.ID}).One(&other)
		if err == nil {
			return fmt.Sprintf("%s was already introduced by %s on %s.", r.RefereeEmail, other.Name, site.DateOf(other.Created))
		}
		var n int
		_ = app.DB().NewQuery("SELECT COUNT(*) FROM customers WHERE email = {:email}").Bind(dbx.Params{"email": r.RefereeEmail}).Row(&n)
		if n > 0 {
			return r.RefereeEmail + " is already a customer."
		}
		return "Someone at this address or company domain is already a customer or an open referral."
	}
	return ""
}
