package prepared

import "github.com/pocketbase/pocketbase/core"

// Referee is what a referee's personal page (/i/{code}) shows of a
// referral, as plain values: the referral, and the name and company of the
// customer who made it.
type Referee struct {
	ID, Code, Status, Flag, Created           string
	RefereeName, RefereeEmail, RefereeCompany string
	PreferredTimes, Phone, Message            string
	ReferrerName, ReferrerCompany             string
	ReferrerLocale                            string // the referrer's own locale, "" for the program's default
}

// refereeSQL reads a referral by its code (a unique index) and its referrer
// by id, in one statement: a view of the page costs one read. What the
// outbox holds about the referral is read only by the views that need it
// (the first visit, a booked referral's page): searching its emails by
// their template costs three times the rest.
const refereeSQL = `SELECT r.id, r.code, r.status, r.flag, r.created,
	r.referee_name, r.referee_email, r.referee_company, r.preferred_times, r.phone, r.message,
	COALESCE(c.name, ''), COALESCE(c.company, ''), COALESCE(c.locale, '')
	FROM referrals r LEFT JOIN customers c ON c.id = r.referrer
	WHERE r.code = ? LIMIT 1`

// RefereeByCode reads the referral with this code for its referee's page;
// sql.ErrNoRows when there is none. A referral whose referrer is gone
// still reads, with their name and company empty.
func RefereeByCode(app core.App, code string) (Referee, error) {
	var r Referee
	err := Row(app, refereeSQL, []any{code},
		&r.ID, &r.Code, &r.Status, &r.Flag, &r.Created,
		&r.RefereeName, &r.RefereeEmail, &r.RefereeCompany, &r.PreferredTimes, &r.Phone, &r.Message,
		&r.ReferrerName, &r.ReferrerCompany, &r.ReferrerLocale)
	return r, err
}
