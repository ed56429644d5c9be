package sqlitedb

import (
	"cmp"
	"slices"
	"sync"
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
// pragmas) and a goroutine of each database checkpoints its pools instead,
// every checkpointEvery, in PASSIVE mode: it copies what no reader still
// needs.
// The read pool's runs beside the writer and never stops it, and copies
// most of the pages. But the WAL only starts again from its beginning when
// a write finds every page of it copied, and under a steady stream of
// commits a checkpoint beside them never catches up: under the P2 load the
// -wal file grew by 150 MB a second, to a gigabyte in eight seconds, every
// commit extending it, and without end while the load lasted. So the write
// pool checkpoints too, on the writing connection itself, between two of
// its transactions: nothing is written meanwhile, it copies the little the
// read pool's left, and the next write starts the WAL over.

// checkpointEvery is how often the pools checkpoint. Under the P2 load a
// tenth of a second holds about 15 MB of WAL; each of the writer's
// checkpoints holds its commits back for as long as it takes to copy what
// the read pool's has not. Once a second held them back long enough to
// take the intake's p99 from 30 to 150-190 ms; ten times a second, 40-50 ms.
var checkpointEvery atomic.Int64

func init() { checkpointEvery.Store(int64(100 * time.Millisecond)) }

// The two pools of one database checkpoint one after the other, the read
// pool first: it copies nearly every page while the writer goes on
// writing. The writer's checkpoint, which holds the writing connection,
// then has left only what was committed meanwhile, and runs only once the
// WAL holds restartFrames pages: as often as it takes for the file to
// start over before it grows large, not at every turn. Run on timers of
// their own, the writer's often came first and copied most of the WAL
// itself: in an execution trace of the P2 load the NPS committer waited
// about a tenth of its time for its connection. Each of the writer's
// checkpoints also syncs the WAL and the database file (synchronous is
// NORMAL), however little it copies.

// restartFrames is how many pages the WAL holds before the writing pool
// checkpoints too, so the next write starts it over: about 40 MB.
var restartFrames atomic.Int64

func init() { restartFrames.Store(10_000) }

// poolsOf holds the open pools of each database file, by its path.
var poolsOf = struct {
	sync.Mutex
	byPath map[string][]*dbx.DB
}{byPath: map[string][]*dbx.DB{}}

// checkpointWith adds db, a pool of the database at path, to those its
// checkpoints run over, and starts them for the database's first pool.
func checkpointWith(path string, db *dbx.DB) {
	poolsOf.Lock()
	defer poolsOf.Unlock()
	pools := poolsOf.byPath[path]
	poolsOf.byPath[path] = append(pools, db)
	if len(pools) == 0 {
		go checkpoints(path)
	}
}

// checkpoints runs the PASSIVE checkpoints of the database at path, every
// checkpointEvery, over its pools in turn: those of more connections
// first, the writing pool (one connection) last, and only once the WAL
// holds restartFrames pages, or when there is no other pool. A pool that
// is closed is dropped; with none left, it returns.
func checkpoints(path string) {
	for {
		time.Sleep(time.Duration(checkpointEvery.Load()))
		poolsOf.Lock()
		pools := slices.Clone(poolsOf.byPath[path])
		poolsOf.Unlock()
		slices.SortStableFunc(pools, func(a, b *dbx.DB) int {
			return cmp.Compare(b.DB().Stats().MaxOpenConnections, a.DB().Stats().MaxOpenConnections)
		})
		var closed []*dbx.DB
		walFrames := int64(-1) // the WAL's pages, as the last checkpoint found them; -1 before any
		for _, db := range pools {
			if db.DB().Stats().MaxOpenConnections == 1 && walFrames >= 0 && walFrames < restartFrames.Load() {
				continue
			}
			var busy, frames, copied int64
			if err := db.NewQuery("PRAGMA wal_checkpoint(PASSIVE)").Row(&busy, &frames, &copied); err != nil {
				if db.DB().Ping() != nil {
					closed = append(closed, db)
				}
				continue
			}
			walFrames = frames
		}
		if !forget(path, closed) {
			return
		}
	}
}

// forget drops the closed pools of the database at path, and reports
// whether any is left; with none, the database is forgotten.
func forget(path string, closed []*dbx.DB) bool {
	poolsOf.Lock()
	defer poolsOf.Unlock()
	pools := slices.DeleteFunc(poolsOf.byPath[path], func(db *dbx.DB) bool { return slices.Contains(closed, db) })
	if len(pools) == 0 {
		delete(poolsOf.byPath, path)
		return false
	}
	poolsOf.byPath[path] = pools
	return true
}
