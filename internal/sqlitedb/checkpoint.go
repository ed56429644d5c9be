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
// pragmas) and a goroutine of each pool checkpoints instead, every
// checkpointEvery, in PASSIVE mode: it copies what no reader still needs.
// The read pool's runs beside the writer and never stops it, and copies
// most of the pages. But the WAL only starts again from its beginning when
// a write finds every page of it copied, and under a steady stream of
// commits a checkpoint beside them never catches up: under the P2 load the
// -wal file grew by 150 MB a second, to a gigabyte in eight seconds, every
// commit extending it, and without end while the load lasted. So the write
// pool's goroutine checkpoints too, on the writing connection itself,
// between two of its transactions: nothing is written meanwhile, it copies
// the little the read pool's left, and the next write starts the WAL over.

// checkpointEvery is how often each pool checkpoints. Under the P2 load a
// tenth of a second holds about 15 MB of WAL; each of the writer's
// checkpoints holds its commits back for as long as it takes to copy what
// the read pool's has not. Once a second held them back long enough to
// take the intake's p99 from 30 to 150-190 ms; ten times a second, 40-50 ms.
var checkpointEvery atomic.Int64

func init() { checkpointEvery.Store(int64(100 * time.Millisecond)) }

// checkpoints runs the PASSIVE checkpoints of db until it is closed.
func checkpoints(db *dbx.DB) {
	for {
		time.Sleep(time.Duration(checkpointEvery.Load()))

		if _, err := db.NewQuery("PRAGMA wal_checkpoint(PASSIVE)").Execute(); err != nil {
			if db.DB().Ping() != nil {
				return // closed
			}
		}
	}
}
