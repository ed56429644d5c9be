package sqlitedb

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
)

// writePages commits n transactions of about ten 4 KiB pages each.
func writePages(t *testing.T, db *dbx.DB, n int) {
	t.Helper()
	if _, err := db.NewQuery("CREATE TABLE IF NOT EXISTS t (x BLOB)").Execute(); err != nil {
		t.Fatal(err)
	}
	for range n {
		if _, err := db.NewQuery("WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 10) INSERT INTO t SELECT randomblob(3500) FROM k").Execute(); err != nil {
			t.Fatal(err)
		}
	}
}

func fileSize(t *testing.T, path string) int64 {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Size()
}

// TestACommitNeverCheckpointsButTheReadPoolDoes writes 2,000 pages (twice
// the WAL size at which a commit would checkpoint by default) with the
// read pool's checkpoints an hour apart: the database file stays as it
// was, every page in the WAL. With checkpoints a few milliseconds apart,
// the pages reach the database file without a checkpoint asked for.
func TestACommitNeverCheckpointsButTheReadPoolDoes(t *testing.T) {
	every := checkpointEvery.Load()
	defer checkpointEvery.Store(every)

	checkpointEvery.Store(int64(time.Hour))
	path := filepath.Join(t.TempDir(), "data.db")
	db, err := Connect(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	writePages(t, db, 200)
	if size := fileSize(t, path); size > 1<<20 {
		t.Errorf("the database file is %d bytes after the commits: a commit checkpointed", size)
	}
	if wal := fileSize(t, path+"-wal"); wal < 2000*4096 {
		t.Errorf("the WAL holds %d bytes, want the 2,000 pages written", wal)
	}

	checkpointEvery.Store(int64(5 * time.Millisecond))
	path = filepath.Join(t.TempDir(), "data.db")
	db2, err := Connect(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db2.Close()
	writePages(t, db2, 200)
	deadline := time.Now().Add(10 * time.Second)
	for fileSize(t, path) < 2000*4096 {
		if time.Now().After(deadline) {
			t.Fatalf("the database file is %d bytes 10 s after the commits: nothing checkpointed", fileSize(t, path))
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestTheWALStartsOverUnderASteadyStreamOfCommits opens the database as
// PocketBase does, a write pool of one connection beside a read pool, and
// commits 1,500 transactions of ten pages back to back (60 MB of pages)
// with checkpoints every 10 ms. The WAL starts over from its beginning
// again and again, so its file stays a fraction of what was written: with
// only the read pool checkpointing, no commit ever found the WAL wholly
// copied, and the file held every page.
func TestTheWALStartsOverUnderASteadyStreamOfCommits(t *testing.T) {
	if wal := commitUnderCheckpoints(t, 1000); wal > 15000*4096/3 {
		t.Fatalf("after 15,000 pages committed the WAL file is %d MB: it did not start over", wal>>20)
	}
}

// TestTheWritingPoolLeavesTheCopyingToTheReadPoolUntilTheWALIsLarge
// commits the same stream with the WAL's restart set past what it ever
// holds: the writing pool never checkpoints (it would hold its connection
// while it did), and the WAL file holds every page.
func TestTheWritingPoolLeavesTheCopyingToTheReadPoolUntilTheWALIsLarge(t *testing.T) {
	if wal := commitUnderCheckpoints(t, 1<<40); wal < 15000*4096 {
		t.Fatalf("after 15,000 pages committed the WAL file is %d MB: the writing pool checkpointed", wal>>20)
	}
}

// commitUnderCheckpoints commits 15,000 pages through a writing pool beside
// a read pool, checkpoints every 10 ms and the writer's when the WAL holds
// restart pages, and returns the size of the WAL file.
func commitUnderCheckpoints(t *testing.T, restart int64) int64 {
	every, frames := checkpointEvery.Load(), restartFrames.Load()
	defer checkpointEvery.Store(every)
	defer restartFrames.Store(frames)
	checkpointEvery.Store(int64(10 * time.Millisecond))
	restartFrames.Store(restart)

	path := filepath.Join(t.TempDir(), "data.db")
	write, err := Connect(path)
	if err != nil {
		t.Fatal(err)
	}
	defer write.Close()
	write.DB().SetMaxOpenConns(1)
	read, err := Connect(path)
	if err != nil {
		t.Fatal(err)
	}
	defer read.Close()
	read.DB().SetMaxOpenConns(4)

	writePages(t, write, 1500)
	return fileSize(t, path+"-wal")
}
