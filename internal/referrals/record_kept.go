package referrals

import (
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/keep"
	"warmloop/internal/pages"
	"warmloop/internal/prepared"
	"warmloop/internal/rewards"
)

// keptRecordsMax bounds how many referrers' records are kept; the least
// recently viewed goes first. A record is a few hundred bytes, a few kB for
// a prolific referrer.
const keptRecordsMax = 4096

// keptRecordMaxAge bounds how long a kept record is trusted. A change made
// through this server drops it at once (RecordChanged, from the hooks);
// this bound is for one it cannot see, made by a command running beside it
// (`warmloop privacy erase`, say).
const keptRecordMaxAge = 5 * time.Second

// KeptRecord is a referrer's record as their pages show it, and Sum, a
// digest of everything in it: two views with the same Sum show the same
// record, so a page made of it can be kept under Sum.
type KeptRecord struct {
	ReferrerRecord
	Sum [sha256.Size]byte
}

// records is the app's cache of referrers' records, by referrer id, their
// wall place left 0 (the wall moves with everyone's records).
func records(app core.App) *keep.Cache[string, KeptRecord] {
	return app.Store().GetOrSet("warmloop.referrals.records", func() any {
		return keep.New[string, KeptRecord](keptRecordsMax, keptRecordMaxAge)
	}).(*keep.Cache[string, KeptRecord])
}

// RecordOfKept is RecordOf for a referrer's page, kept in memory per
// referrer until something it shows changes: the hooks call RecordChanged
// when a referral of theirs, its history or a reward of theirs is written,
// and an incentive or a tier (named on it) changes the pages generation.
// The wall place is looked up on every call, as the wall moves with every
// referrer's record. Inside a transaction the record is read afresh.
func RecordOfKept(app core.App, referrerID string, onWall bool) (KeptRecord, error) {
	if app.IsTransactional() {
		rec, err := RecordOf(app, referrerID, onWall)
		return KeptRecord{ReferrerRecord: rec, Sum: sum(rec)}, err
	}
	rec, err := records(app).Get(referrerID, pages.Generation(app), func() (KeptRecord, error) {
		rec, err := RecordOf(app, referrerID, false)
		return KeptRecord{ReferrerRecord: rec, Sum: sum(rec)}, err
	})
	if err != nil {
		return KeptRecord{}, err
	}
	if onWall && len(rec.Introductions) > 0 {
		place, err := rewards.WallPlace(app, referrerID)
		if err != nil {
			return KeptRecord{}, err
		}
		rec.WallPlace = place
	}
	return rec, nil
}

// sum is the digest of a record, written out in full.
func sum(rec ReferrerRecord) [sha256.Size]byte {
	return sha256.Sum256(fmt.Appendf(nil, "%#v", rec))
}

// RecordChanged drops the kept records of these referrers: something their
// pages show was written and committed.
func RecordChanged(app core.App, referrerIDs ...string) {
	records(app).Drop(referrerIDs...)
}

// ForgetRecords drops every kept record, for a change that touched many
// referrers at once (the demo seeder, which writes past the hooks).
func ForgetRecords(app core.App) {
	records(app).Purge()
}

// HistoryChanged drops the kept record of the referrer whose referral's
// history was written: the day an introduction reached its stage comes
// from it. A referral that is gone (deleted with its history) is on no
// record; should the referral not be read, every record is dropped.
func HistoryChanged(app core.App, referralID string) {
	var referrer string
	err := prepared.Row(app, `SELECT referrer FROM referrals WHERE id = ?`, []any{referralID}, &referrer)
	switch {
	case err == nil:
		RecordChanged(app, referrer)
	case !errors.Is(err, sql.ErrNoRows):
		ForgetRecords(app)
	}
}
