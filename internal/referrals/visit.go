package referrals

import (
	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/prepared"
)

// Visit is what the landing page needs about an ask and its customer.
type Visit struct {
	AskID, AskStatus, ClickedAt, SentAt    string
	AskCreated                             string // when the ask was made: its link's life runs from then
	CustomerID, Name, Email, Company, Code string
	OnWall                                 bool   // consented to the recognition wall
	OptedOut                               bool   // the customer opted out: their links send nothing
	Locale                                 string // the customer's own locale, "" for the program's default
}

// visitSQL reads an ask and its customer by the ask's token, in one query
// on the unique token index. It runs on every view of a landing page, so it
// is prepared once.
const visitSQL = `SELECT a.id, a.status, a.clicked_at, a.sent_at, a.created,
	c.id, c.name, c.email, c.company, c.referral_code, c.wall_opt_in, c.opted_out, c.locale
	FROM asks a JOIN customers c ON c.id = a.customer WHERE a.token = ?`

// VisitByToken reads the ask with this token and its customer;
// sql.ErrNoRows when there is none.
func VisitByToken(app core.App, token string) (Visit, error) {
	var v Visit
	err := prepared.Row(app, visitSQL, []any{token},
		&v.AskID, &v.AskStatus, &v.ClickedAt, &v.SentAt, &v.AskCreated,
		&v.CustomerID, &v.Name, &v.Email, &v.Company, &v.Code, &v.OnWall, &v.OptedOut, &v.Locale)
	return v, err
}
