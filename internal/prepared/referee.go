package prepared

import "github.com/pocketbase/pocketbase/core"

// Referee is what a referee's personal page (/i/{code}) shows and decides
// from, as plain values: the referral, the name and company of the customer
// who made it, and what the outbox holds about it.
type Referee struct {
	ID, Code, Status, Flag, Created           string
	RefereeName, RefereeEmail, RefereeCompany string
	PreferredTimes, Phone, Message            string
	ReferrerName, ReferrerCompany             string
	IntroSentAt                               string // when the introduction email was sent; "" while none was
	BookingQueued                             bool   // a booking confirmation was ever queued
}

// refereeSQL reads a referral by its code (a unique index), its referrer by
// id, and the two facts the outbox holds about it (by its referral index),
// in one statement: a view of the page costs one read. The templates are
// arguments, so their names stay where the emails are written.
const refereeSQL = `SELECT r.id, r.code, r.status, r.flag, r.created,
	r.referee_name, r.referee_email, r.referee_company, r.preferred_times, r.phone, r.message,
	COALESCE(c.name, ''), COALESCE(c.company, ''),
	COALESCE((SELECT MAX(o.sent_at) FROM outbox o WHERE o.referral = r.id AND o.kind = 'email'
		AND o.status = 'sent' AND json_extract(o.payload, '$.template') = ?1), ''),
	EXISTS (SELECT 1 FROM outbox o WHERE o.referral = r.id AND o.kind = 'email'
		AND json_extract(o.payload, '$.template') = ?2)
	FROM referrals r LEFT JOIN customers c ON c.id = r.referrer
	WHERE r.code = ?3 LIMIT 1`

// RefereeByCode reads the referral with this code for its referee's page:
// introTemplate and bookingTemplate name the outbox's introduction and
// booking confirmation emails. sql.ErrNoRows when there is no such
// referral. A referral whose referrer is gone still reads, with their name
// and company empty.
func RefereeByCode(app core.App, code, introTemplate, bookingTemplate string) (Referee, error) {
	var r Referee
	err := Row(app, refereeSQL, []any{introTemplate, bookingTemplate, code},
		&r.ID, &r.Code, &r.Status, &r.Flag, &r.Created,
		&r.RefereeName, &r.RefereeEmail, &r.RefereeCompany, &r.PreferredTimes, &r.Phone, &r.Message,
		&r.ReferrerName, &r.ReferrerCompany, &r.IntroSentAt, &r.BookingQueued)
	return r, err
}
