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
	b := &blocks[blockLog(40000)]
	b.Lock()
	mapped, reused := b.mapped, b.reused
	b.Unlock()
	for range 100 {
		var n int
		if err := db.NewQuery("SELECT length(randomblob(40000))").Row(&n); err != nil || n != 40000 {
			t.Fatalf("%d bytes, %v", n, err)
		}
	}
	b.Lock()
	mapped, reused = b.mapped-mapped, b.reused-reused
	b.Unlock()
	if reused < 95 || mapped > 4 {
		t.Errorf("100 statements mapped %d large blocks and reused %d; want at most 4 mapped, the rest reused", mapped, reused)
	}
}

func TestABlockIsKeptAtThePowerOfTwoLibcCutsItTo(t *testing.T) {
	for n, want := range map[int]int{
		1: 4, 16 - header: 4, 16 - header + 1: 5, 512 - header: 9, 8000: 13,
		16384 - header: 14, 16384 - header + 1: 15, 32768 - header: 15, 32768: 16,
		1<<20 - header: 20, 1 << 20: 0,
	} {
		if got := blockLog(n); got != want {
			t.Errorf("blockLog(%d) = %d, want %d", n, got, want)
		}
	}
}

// TestABlockAloneOnItsAllocatorPageStaysMappedWhenFreed makes the count of
// 8 KB blocks in use swing across the edge of one of libc's pages, as a
// b-tree split's scratch space did under the intake load: the block that
// begins a fresh page is freed and taken again a hundred times. Each time
// it waits on its size's list, its page still mapped, and the next block
// of its size is the same one; libc would have unmapped the page at each
// free and mapped another at each malloc.
func TestABlockAloneOnItsAllocatorPageStaysMappedWhenFreed(t *testing.T) {
	KeepAllocatorPages()
	tls := libc.NewTLS()
	defer tls.Close()
	const size = 8000
	var held []uintptr
	defer func() {
		for _, p := range held {
			memFree(tls, p)
		}
	}()
	// Take blocks until one lands on a page none before it did: past the
	// blocks waiting on the list and the pages kept, it is alone there.
	pages := map[uintptr]bool{}
	var lone uintptr
	for len(held) < 1000 {
		p := memMalloc(tls, size)
		if p == 0 {
			t.Fatal("out of memory")
		}
		held = append(held, p)
		page := p &^ (allocatorPage - 1)
		if len(held) > 40 && !pages[page] {
			lone = p
			break
		}
		pages[page] = true
	}
	if lone == 0 {
		t.Fatal("no block of 1000 began a page of its own")
	}
	held = held[:len(held)-1]
	for round := range 100 {
		memFree(tls, lone)
		if !mapped(t).spans(lone, size) {
			t.Fatalf("round %d: the freed block's page was unmapped", round)
		}
		if p := memMalloc(tls, size); p != lone {
			held = append(held, p)
			t.Fatalf("round %d: the next block of its size was %#x, not the one just freed (%#x)", round, p, lone)
		}
	}
	held = append(held, lone)
}

// spans reports whether the n bytes at p lie in one mapped range. (An
// allocator page of 8 KB blocks maps only the 60 KiB its seven blocks use,
// so holds, which asks for the whole 64 KiB, would not do.)
func (m mappings) spans(p uintptr, n int) bool {
	for _, r := range m {
		if p >= r[0] && p+uintptr(n) <= r[1] {
			return true
		}
	}
	return false
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
