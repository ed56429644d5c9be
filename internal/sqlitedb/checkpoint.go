package sqlitedb

import (
	"sync/atomic"
	"time"

	"github.com/pocketbase/dbx"
)

// In WAL mode a commit appends the pages it changed to the -wal file, and
// a checkpoint copies them back into the database file. By default SQLite
// runs the checkpoint inside the commit that takes the WAL past 1,000
// pages: the connection that writes stops writing until the pages are
// copied and the file is synced. PocketBase has one writing connection,
// and the NPS intake commits every batch of moments on one goroutine, so
// every few batches one waited for a checkpoint (about a tenth of its
// processor time in a profile of the P2 load, and the disk's syncs on top)
// while the next batch's senders waited for it.
//
// Here no commit checkpoints (wal_autocheckpoint is 0, set in Connect's
// pragmas) and a goroutine of each read pool checkpoints instead, every
// checkpointEvery, in PASSIVE mode: it copies what no reader still needs
// and never stops a writer. The write pool (one connection) starts none,
// since its one connection is the writer's.

// checkpointEvery is how often the read pool checkpoints. Under the
// heaviest write load measured (about 1,000 moments a second, ten pages
// each) the WAL grows by about 10 MB in that time.
var checkpointEvery atomic.Int64

func init() { checkpointEvery.Store(int64(time.Second)) }

// checkpoints runs the PASSIVE checkpoints of db until it is closed. It
// leaves the write pool alone: PocketBase sets a pool's size after Connect
// returns, so the first tick tells the read pool (more than one connection)
// from the write pool (exactly one).
func checkpoints(db *dbx.DB) {
	for {
		time.Sleep(time.Duration(checkpointEvery.Load()))
		if db.DB().Stats().MaxOpenConnections == 1 {
			return
		}
		if _, err := db.NewQuery("PRAGMA wal_checkpoint(PASSIVE)").Execute(); err != nil {
			if db.DB().Ping() != nil {
				return // closed
			}
		}
	}
}
