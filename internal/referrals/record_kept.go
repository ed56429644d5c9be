package referrals

import (
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/hashicorp/golang-lru/v2/simplelru"
	"github.com/pocketbase/pocketbase/core"

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

// keptRecord is a record in the cache with what it was read under.
type keptRecord struct {
	rec KeptRecord // its WallPlace left 0: the wall moves with everyone's records
	gen uint64     // the pages generation: incentive and tier names
	at  time.Time
}

// recordCache keeps referrers' records between views. A reader notes the
// epoch before it reads the database and keeps what it read only if the
// epoch is unchanged: a change committed while it read is never hidden
// behind a record read before it.
type recordCache struct {
	mu    sync.Mutex
	epoch uint64 // counts the changes
	lru   *simplelru.LRU[string, keptRecord]
}

func records(app core.App) *recordCache {
	return app.Store().GetOrSet("warmloop.referrals.records", func() any {
		lru, _ := simplelru.NewLRU[string, keptRecord](keptRecordsMax, nil)
		return &recordCache{lru: lru}
	}).(*recordCache)
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
	c := records(app)
	gen := pages.Generation(app)
	c.mu.Lock()
	k, ok := c.lru.Get(referrerID)
	epoch := c.epoch
	c.mu.Unlock()
	if !ok || k.gen != gen || time.Since(k.at) >= keptRecordMaxAge {
		rec, err := RecordOf(app, referrerID, false)
		if err != nil {
			return KeptRecord{}, err
		}
		k = keptRecord{rec: KeptRecord{ReferrerRecord: rec, Sum: sum(rec)}, gen: gen, at: time.Now()}
		c.mu.Lock()
		if c.epoch == epoch {
			c.lru.Add(referrerID, k)
		}
		c.mu.Unlock()
	}
	rec := k.rec
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
	c := records(app)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.epoch++
	for _, id := range referrerIDs {
		c.lru.Remove(id)
	}
}

// ForgetRecords drops every kept record, for a change that touched many
// referrers at once (the demo seeder, which writes past the hooks).
func ForgetRecords(app core.App) {
	c := records(app)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.epoch++
	c.lru.Purge()
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
