package sqlitedb

import (
	"os"
	"strconv"
	"strings"
	"testing"

	"modernc.org/libc"
)

// mappings are the process's mapped address ranges, from /proc/self/maps.
type mappings [][2]uintptr

func mapped(t *testing.T) mappings {
	b, err := os.ReadFile("/proc/self/maps")
	if err != nil {
		t.Skip("no /proc/self/maps here:", err)
	}
	var m mappings
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		lo, hi, _ := strings.Cut(strings.Fields(line)[0], "-")
		a, err1 := strconv.ParseUint(lo, 16, 64)
		z, err2 := strconv.ParseUint(hi, 16, 64)
		if err1 != nil || err2 != nil {
			t.Fatalf("reading %q: %v %v", line, err1, err2)
		}
		m = append(m, [2]uintptr{uintptr(a), uintptr(z)})
	}
	return m
}

// holds reports whether the allocator page of p lies in a mapped range.
func (m mappings) holds(p uintptr) bool {
	page := p &^ (allocatorPage - 1)
	for _, r := range m {
		if page >= r[0] && page+allocatorPage <= r[1] {
			return true
		}
	}
	return false
}

// TestAStatementJournalsChunksReuseKeptPages allocates and frees what a
// statement journal of a few hundred changed database pages holds, in its
// 1 KiB chunks (1032 bytes with SQLite's own header), as SQLite does at the
// end of each statement: with the pages kept, every chunk lands in memory
// mapped before, and stays mapped once freed.
func TestAStatementJournalsChunksReuseKeptPages(t *testing.T) {
	KeepAllocatorPages()
	tls := libc.NewTLS()
	defer tls.Close()
	for round := range 3 {
		before := mapped(t)
		chunks := make([]uintptr, 1200)
		for i := range chunks {
			chunks[i] = libc.Xmalloc(tls, 1032)
		}
		for _, p := range chunks {
			libc.Xfree(tls, p)
		}
		after := mapped(t)
		fresh, unmapped := 0, 0
		for _, p := range chunks {
			if !before.holds(p) {
				fresh++
			}
			if !after.holds(p) {
				unmapped++
			}
		}
		if fresh > 0 || unmapped > 0 {
			t.Errorf("round %d: %d of %d chunks in newly mapped memory, %d in memory unmapped once they were freed; want none",
				round, fresh, len(chunks), unmapped)
		}
	}
}
