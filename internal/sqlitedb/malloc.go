package sqlitedb

import (
	"sync"
	"unsafe"

	"modernc.org/libc"
	sqlite3 "modernc.org/sqlite/lib"
)

// modernc.org/libc's allocator (see reserve.go) cuts blocks of up to
// 16 KiB from 64 KiB pages, one block size to a page, maps a page when its
// size has no free block left and unmaps it the moment its last block is
// freed. Larger blocks are mapped one by one and unmapped when freed. So
// any block size whose count in use swings across the edge of a page, as
// SQLite's do statement by statement, maps and unmaps a page on every
// swing: the frame each trigger program runs in, the scratch space of every
// b-tree page split, a new page cache's first pages. Profiled under the NPS
// intake load, whether a size fell on such an edge changed from one start
// of the process to the next; when one did (the 512-byte blocks in one
// run, the 8 KiB blocks in another: about 10,000 pages mapped and unmapped
// in five seconds), mmap and munmap took a tenth of the process's time.
//
// SQLite lets a program give it its own malloc (SQLITE_CONFIG_MALLOC,
// before the first connection opens). Ours is SQLite's default (the size
// in an 8-byte header before the block, the block from libc's malloc)
// with one change: a freed block goes onto a short free list for its
// power-of-two size, the size libc's allocator would have cut it to, and
// the next block of that size is taken from there. A swing shorter than
// its list never reaches libc. The lists are short (keptBlocks), so little
// memory stays idle that SQLite is not using.

// The sizes kept: powers of two from 16 bytes (libc's smallest) to 1 MiB.
// A larger block is rare (a statement over a very wide row) and is mapped
// and unmapped as before.
const (
	smallestLog, largestLog = 4, 20
)

// keptBlocks is how many freed blocks of size 1<<log wait for reuse. Up to
// 16 KiB, a page's worth (at least 8 blocks): 64 KiB of each size. Above,
// the blocks SQLite makes again and again are of 17 to 64 KiB (traced
// under the intake load: trigger frames and split scratch space), so the
// two smallest large sizes keep enough for a few statements in flight; a
// block of 256 KiB or more is unmapped when freed. At most about 2 MiB wait
// unused.
func keptBlocks(log int) int {
	switch {
	case log <= 14:
		return max(8, 1<<16>>log)
	case log == 15:
		return 16
	case log == 16:
		return 8
	case log == 17:
		return 2
	}
	return 0
}

// freeBlocks is a free list of one size, and what it did: blocks taken
// from libc, blocks handed out again (for the tests).
type freeBlocks struct {
	sync.Mutex
	free           []uintptr
	mapped, reused int
}

// blocks holds the free lists, one per size.
var blocks [largestLog + 1]freeBlocks

// header is the bytes before each block that hold its size.
const header = 8

// blockLog is the power of two a block of n bytes (with its header) is
// cut to, and 0 when it is larger than the largest size kept.
func blockLog(n int) int {
	total := n + header
	if total > 1<<largestLog {
		return 0
	}
	log := smallestLog
	for 1<<log < total {
		log++
	}
	return log
}

// sizeAt is the size header at address p, memory libc allocated, which the
// Go collector neither moves nor frees.
func sizeAt(p uintptr) *int64 { return (*int64)(unsafe.Add(nil, p)) }

// memMalloc is xMalloc: n bytes, their size in the header before them.
func memMalloc(tls *libc.TLS, n int32) uintptr {
	var p uintptr
	if log := blockLog(int(n)); log != 0 {
		b := &blocks[log]
		b.Lock()
		if k := len(b.free); k > 0 {
			p = b.free[k-1]
			b.free = b.free[:k-1]
			b.reused++
		} else {
			b.mapped++
		}
		b.Unlock()
		if p == 0 {
			p = libc.Xmalloc(tls, libc.Tsize_t(1)<<log)
		}
	} else {
		p = libc.Xmalloc(tls, libc.Tsize_t(n)+header)
	}
	if p == 0 {
		return 0
	}
	*sizeAt(p) = int64(n)
	return p + header
}

// memFree is xFree: a block waits on its size's list while the list is
// short, and otherwise goes back to libc.
func memFree(tls *libc.TLS, p uintptr) {
	if p == 0 {
		return
	}
	p -= header
	if log := blockLog(int(*sizeAt(p))); log != 0 {
		b := &blocks[log]
		b.Lock()
		if len(b.free) < keptBlocks(log) {
			b.free = append(b.free, p)
			p = 0
		}
		b.Unlock()
	}
	if p != 0 {
		libc.Xfree(tls, p)
	}
}

// memSize is xSize: the size the block was asked for.
func memSize(tls *libc.TLS, p uintptr) int32 {
	if p == 0 {
		return 0
	}
	return int32(*sizeAt(p - header))
}

// memRealloc is xRealloc. A block that keeps its size keeps its place; any
// other change is a new block, the bytes copied, the old freed.
func memRealloc(tls *libc.TLS, p uintptr, n int32) uintptr {
	old := memSize(tls, p)
	log := blockLog(int(n))
	if log != 0 && log == blockLog(int(old)) {
		*sizeAt(p - header) = int64(n)
		return p
	}
	if log == 0 && blockLog(int(old)) == 0 {
		q := libc.Xrealloc(tls, p-header, libc.Tsize_t(n)+header)
		if q == 0 {
			return 0
		}
		*sizeAt(q) = int64(n)
		return q + header
	}
	q := memMalloc(tls, n)
	if q == 0 {
		return 0
	}
	libc.Xmemcpy(tls, q, p, libc.Tsize_t(min(old, n)))
	memFree(tls, p)
	return q
}

// memRoundup is xRoundup: SQLite's own, to a multiple of 8.
func memRoundup(tls *libc.TLS, n int32) int32 { return (n + 7) &^ 7 }

// memInit and memShutdown are xInit and xShutdown: nothing to do.
func memInit(tls *libc.TLS, data uintptr) int32 { return sqlite3.SQLITE_OK }
func memShutdown(tls *libc.TLS, data uintptr)   {}

// funcPointer is a top-level Go function as the C side of the driver calls
// it: a pointer to the function value, as modernc.org/sqlite's own page
// cache binding makes them.
func funcPointer[T any](f T) uintptr {
	return *(*uintptr)(unsafe.Pointer(&struct{ f T }{f}))
}

// installMalloc gives SQLite the malloc above. It must run before the first
// connection opens; after that SQLite refuses (SQLITE_MISUSE) and keeps its
// own, which is only slower. It reports whether SQLite took it.
func installMalloc(tls *libc.TLS) bool {
	methods := sqlite3.Tsqlite3_mem_methods{
		FxMalloc: funcPointer(memMalloc), FxFree: funcPointer(memFree), FxRealloc: funcPointer(memRealloc),
		FxSize: funcPointer(memSize), FxRoundup: funcPointer(memRoundup),
		FxInit: funcPointer(memInit), FxShutdown: funcPointer(memShutdown),
	}
	// sqlite3_config copies the methods out of C memory it is pointed at.
	cMethods := libc.Xmalloc(tls, libc.Tsize_t(unsafe.Sizeof(methods)))
	args := libc.Xmalloc(tls, libc.Tsize_t(unsafe.Sizeof(uintptr(0))))
	if cMethods == 0 || args == 0 {
		libc.Xfree(tls, cMethods)
		libc.Xfree(tls, args)
		return false
	}
	defer libc.Xfree(tls, cMethods)
	defer libc.Xfree(tls, args)
	*(*sqlite3.Tsqlite3_mem_methods)(unsafe.Add(nil, cMethods)) = methods
	return sqlite3.Xsqlite3_config(tls, sqlite3.SQLITE_CONFIG_MALLOC, libc.VaList(args, cMethods)) == sqlite3.SQLITE_OK
}

// Each page a connection caches is a database page (4 KiB) and SQLite's
// few hundred bytes about it. From malloc that is an 8 KiB block, nearly
// half of it unused, and when a connection drops its cache (whenever
// another connection has written, so all the time under the intake load)
// those blocks are freed, their allocator pages unmapped, and the next
// read maps them again. SQLite can instead take its cached pages from one
// buffer given at start (SQLITE_CONFIG_PAGECACHE), each slot the exact size
// of a page and its header; a freed slot goes back on the buffer's free
// list, and the most recently freed is reused first, so the memory the
// slots use stays as large as the pages cached at once. Past the buffer's
// slots, pages come from malloc as before.

// cachedPages is how many slots the buffer has, about 18 MiB reserved,
// resident only as slots are used. Once fewer than a few are free SQLite
// counts itself short of memory and every connection recycles its own
// pages instead of caching more: with 2,048 slots the large fixture's
// warm overview read a third slower and COUNT(*) over asks took ten times
// as long. 8,192 served the intake fastest but held 111 MB at peak under
// the P1 and P2 loads; 4,096 served it nearly as fast (bench/load.sh,
// 2,316 against 2,065 req/s in the same hour) and peaked at 94 MB.
const cachedPages = 4096

// pageSize is the page size of every database Warmloop opens (SQLite's
// default); a larger page would not fit a slot and comes from malloc.
const pageSize = 4096

// installPageCache gives SQLite the buffer of page slots, before the first
// connection opens, and reports whether SQLite took it.
func installPageCache(tls *libc.TLS) bool {
	args := libc.Xmalloc(tls, 3*8)
	if args == 0 {
		return false
	}
	defer libc.Xfree(tls, args)
	hdr := libc.Xmalloc(tls, 8)
	if hdr == 0 {
		return false
	}
	defer libc.Xfree(tls, hdr)
	if sqlite3.Xsqlite3_config(tls, sqlite3.SQLITE_CONFIG_PCACHE_HDRSZ, libc.VaList(args, hdr)) != sqlite3.SQLITE_OK {
		return false
	}
	slot := (pageSize + int(*(*int32)(unsafe.Add(nil, hdr))) + 7) &^ 7
	buf := libc.Xmalloc(tls, libc.Tsize_t(slot*cachedPages))
	if buf == 0 {
		return false
	}
	if sqlite3.Xsqlite3_config(tls, sqlite3.SQLITE_CONFIG_PAGECACHE, libc.VaList(args, buf, int32(slot), int32(cachedPages))) != sqlite3.SQLITE_OK {
		libc.Xfree(tls, buf)
		return false
	}
	return true
}
