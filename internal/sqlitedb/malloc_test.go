package sqlitedb

import (
	"path/filepath"
	"testing"
	"unsafe"

	"modernc.org/libc"
	sqlite3 "modernc.org/sqlite/lib"
)

// TestLargeBlocksAreHandedOutAgainNotMappedAnew runs, a hundred times, a
// statement whose value needs a 40 KB block, past the allocator's largest
// size: each block after the first comes back from the free list of its
// size, where without SQLite's own malloc each would be mapped anew.
func TestLargeBlocksAreHandedOutAgainNotMappedAnew(t *testing.T) {
	db, err := Connect(filepath.Join(t.TempDir(), "data.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if !ownMalloc {
		t.Fatal("SQLite refused the malloc: a connection was opened before Connect")
	}
	large.Lock()
	mapped, reused := large.mapped, large.reused
	large.Unlock()
	for range 100 {
		var n int
		if err := db.NewQuery("SELECT length(randomblob(40000))").Row(&n); err != nil || n != 40000 {
			t.Fatalf("%d bytes, %v", n, err)
		}
	}
	large.Lock()
	mapped, reused = large.mapped-mapped, large.reused-reused
	large.Unlock()
	if reused < 95 || mapped > 4 {
		t.Errorf("100 statements mapped %d large blocks and reused %d; want at most 4 mapped, the rest reused", mapped, reused)
	}
}

func TestTheLargeSizesAreThoseAboveTheAllocatorsLargest(t *testing.T) {
	for n, want := range map[int]int{
		100: 0, 16384 - header: 0, 16384 - header + 1: 15, 32768 - header: 15, 32768: 16,
		1<<20 - header: 20, 1 << 20: 0,
	} {
		if got := largeLog(n); got != want {
			t.Errorf("largeLog(%d) = %d, want %d", n, got, want)
		}
	}
}

// TestCachedPagesComeFromTheBuffer reads a table of a few hundred pages on
// a fresh connection: SQLite caches every page in a slot of the buffer,
// none from malloc.
func TestCachedPagesComeFromTheBuffer(t *testing.T) {
	db, err := Connect(filepath.Join(t.TempDir(), "data.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if !ownPageCache {
		t.Fatal("SQLite refused the page buffer: a connection was opened before Connect")
	}
	for _, q := range []string{
		"CREATE TABLE t (x BLOB)",
		"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300) INSERT INTO t SELECT randomblob(3000) FROM n",
	} {
		if _, err := db.NewQuery(q).Execute(); err != nil {
			t.Fatal(err)
		}
	}
	before := pageStatus(t, sqlite3.SQLITE_STATUS_PAGECACHE_OVERFLOW)
	var n int
	if err := db.NewQuery("SELECT SUM(length(x)) FROM t").Row(&n); err != nil || n != 300*3000 {
		t.Fatalf("%d bytes, %v", n, err)
	}
	if used := pageStatus(t, sqlite3.SQLITE_STATUS_PAGECACHE_USED); used < 300 {
		t.Errorf("%d slots of the buffer in use after reading 300 pages, want 300 or more", used)
	}
	if after := pageStatus(t, sqlite3.SQLITE_STATUS_PAGECACHE_OVERFLOW); after != before {
		t.Errorf("%d bytes of cached pages came from malloc, want none", after-before)
	}
}

// pageStatus is one of SQLite's process-wide page cache counters.
func pageStatus(t *testing.T, op int32) int64 {
	t.Helper()
	tls := libc.NewTLS()
	defer tls.Close()
	p := libc.Xmalloc(tls, 16)
	defer libc.Xfree(tls, p)
	if rc := sqlite3.Xsqlite3_status64(tls, op, p, p+8, 0); rc != sqlite3.SQLITE_OK {
		t.Fatalf("sqlite3_status64(%d): %d", op, rc)
	}
	return *(*int64)(unsafe.Add(nil, p))
}
