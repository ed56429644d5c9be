package sqlitedb

import (
	"sync"

	"modernc.org/libc"
)

// The SQLite that PocketBase uses is C translated to Go (modernc.org/sqlite),
// and its malloc is modernc.org/libc's allocator: blocks of up to 16 KiB are
// cut from 64 KiB pages, one block size per page, each page mapped from the
// operating system (mmap) when its size has no free block, and unmapped
// (munmap) as soon as its last block is freed. SQLite frees many blocks at
// the end of every statement. A write into a table with triggers (the daily
// rollups) keeps a statement journal in memory, in 1 KiB chunks, a copy of
// every database page the statement changes; a connection drops its page
// cache whenever another has written. Each time, the allocator pages that
// held them empty and are unmapped, and the next statement maps fresh ones
// and faults them in again. Profiled on two cores, those system calls took
// half of a cadence pass (BenchmarkCadencePass100kCustomers10kDue) and a
// good part of the NPS committer's time.
//
// KeepAllocatorPages keeps some pages of every block size mapped for the
// life of the process by holding one block in each: their other blocks go
// on the allocator's free list when freed and are handed out again, so a
// statement's journal and scratch space reuse memory instead of mapping it.

// keptPages is how many 64 KiB pages of each block size stay mapped. The
// 2 KiB blocks hold the statement journal's chunks: 64 pages (4 MiB) hold
// the journal of a statement that changes about a thousand database pages,
// such as the cadence's 50-row inserts with their rollup triggers. Four
// pages of every other size cover the connections' scratch buffers and
// the bursts of small blocks. In all about 6.5 MiB, resident from the
// start.
func keptPages(size int) int {
	if size == 2048 {
		return 64
	}
	return 4
}

// allocatorPage is the size of the allocator's pages, and smallest and
// largest are the block sizes it cuts from them (as powers of two); larger
// blocks are mapped one by one and cannot be kept.
const (
	allocatorPage     = 1 << 16
	smallest, largest = 4, 14
)

var (
	keepOnce sync.Once
	// ownMalloc is whether SQLite took installMalloc's malloc, and
	// ownPageCache whether it took installPageCache's buffer.
	ownMalloc, ownPageCache bool
)

// KeepAllocatorPages holds one block in each of keptPages pages of every
// block size, and gives SQLite the malloc that keeps freed blocks for reuse and a
// buffer of page slots (malloc.go), once per process, before the first connection opens.
// Connect calls it; a test that measures SQLite's speed calls it to
// measure what the binary does.
func KeepAllocatorPages() {
	keepOnce.Do(func() {
		tls := libc.NewTLS()
		defer tls.Close()
		ownPageCache = installPageCache(tls)
		ownMalloc = installMalloc(tls)
		for log := smallest; log <= largest; log++ {
			keepSize(tls, 1<<log, keptPages(1<<log))
		}
	})
}

// keepSize allocates blocks of size until they span pages allocator pages,
// then frees every block but the first of each page: the pages stay
// mapped, their free blocks on the allocator's list for that size.
func keepSize(tls *libc.TLS, size, pages int) {
	held := map[uintptr]bool{}
	var spare []uintptr
	limit := (pages + 1) * allocatorPage / size
	for n := 0; len(held) < pages && n < limit; n++ {
		// A request of size-8 bytes lands in the size's own class, as
		// SQLite's (which adds 8 bytes of its own) do.
		p := libc.Xmalloc(tls, libc.Tsize_t(size-8))
		if p == 0 {
			break // out of memory: keep what was kept
		}
		page := p &^ (allocatorPage - 1)
		if !held[page] {
			held[page] = true
			continue
		}
		spare = append(spare, p)
	}
	for _, p := range spare {
		libc.Xfree(tls, p)
	}
}
