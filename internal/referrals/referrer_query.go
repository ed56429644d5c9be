package referrals

import (
	"time"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/prepared"
	"warmloop/internal/rewards"
)

// A referrer follows each introduction in five stages, not the team's six
// statuses: invited, visited, booked, won and lost are the statuses of the
// same names, and qualified, the team's own judgement of a referee who has
// talked to them, stays "booked" to the referrer, who never sees what the
// team decided about the people they introduced.
const (
	StageInvited = Invited
	StageVisited = Visited
	StageBooked  = Booked
	StageWon     = Won
	StageLost    = Lost
)

// StageOf is the stage a referrer sees for a referral's status.
func StageOf(status string) string {
	if status == Qualified {
		return StageBooked
	}
	return status
}

// Made is one introduction as its referrer sees it: the name and company
// they typed themselves on their landing page, never the address, the
// values, the notes or anything the team set.
type Made struct {
	Name, Company string    // empty when someone else typed them (Shared, the dashboard, the API)
	Shared        bool      // the person introduced themself through the referrer's share link
	Stage         string    // StageOf its status
	Introduced    time.Time // the day it was made (UTC midnight)
	Reached       time.Time // the day it reached its stage; zero while invited, or when unrecorded
}

// ReferrerRecord is a referrer's own record: every introduction they made,
// newest first, and where they stand in the program's thanks. It holds only
// strings, numbers, bools and days, so a page made of it can be kept whole.
type ReferrerRecord struct {
	Introductions []Made
	Counted       int // the introductions the tiers count: none held for review
	Won           int // of those, the ones won
	rewards.Standing
}

// referrerSQL reads a referrer's introductions, newest first, with the
// first day each reached its stage (qualified counts from the day it was
// booked, the stage the referrer sees). A share-link introduction that its
// person has not confirmed is left out: it is nobody's introduction yet.
// It runs on every view of a referrer's page, so it is prepared once.
const referrerSQL = `SELECT r.referee_name, r.referee_company, r.channel, r.status, r.flag, r.created,
	COALESCE((SELECT MIN(e.at) FROM referral_events e WHERE e.referral = r.id
		AND (e.to_status = r.status OR (r.status = 'qualified' AND e.to_status = 'booked'))), '')
	FROM referrals r WHERE r.referrer = ? AND r.flag != 'unconfirmed' ORDER BY r.created DESC, r.id`

// RecordOf reads a referrer's own record: their introductions and their
// standing (left empty when they have introduced nobody yet). onWall is
// their consent to the Wall of Thanks.
func RecordOf(app core.App, referrerID string, onWall bool) (ReferrerRecord, error) {
	var rec ReferrerRecord
	rows, err := prepared.Query(app, referrerSQL, referrerID)
	if err != nil {
		return rec, err
	}
	defer rows.Close()
	for rows.Next() {
		var m Made
		var channel, status, flag, created, reached string
		if err := rows.Scan(&m.Name, &m.Company, &channel, &status, &flag, &created, &reached); err != nil {
			return rec, err
		}
		if channel != Landing {
			// Someone else typed the name: the person themself through the
			// share link, or the team or a script on the referrer's behalf.
			m.Name, m.Company, m.Shared = "", "", channel == ShareLink || channel == OwnEmail
		}
		m.Stage = StageOf(status)
		m.Introduced = rewards.Day(created)
		if m.Stage != StageInvited {
			m.Reached = rewards.Day(reached)
		}
		if flag == "" {
			rec.Counted++
			if status == Won {
				rec.Won++
			}
		}
		rec.Introductions = append(rec.Introductions, m)
	}
	if err := rows.Close(); err != nil || len(rec.Introductions) == 0 {
		// Nobody introduced yet: nothing earned, nothing to show.
		return rec, err
	}
	rec.Standing, err = rewards.StandingOf(app, referrerID, rec.Counted, rec.Won, onWall)
	return rec, err
}
