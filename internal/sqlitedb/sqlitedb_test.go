package sqlitedb_test

import (
	"path/filepath"
	"strconv"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/sqlitedb"
)

// settings are the pragmas a connection is opened with.
var settings = []string{"busy_timeout", "journal_mode", "journal_size_limit", "synchronous", "foreign_keys", "temp_store", "cache_size", "wal_autocheckpoint"}

func read(t *testing.T, db *dbx.DB) map[string]string {
	t.Helper()
	got := map[string]string{}
	for _, p := range settings {
		var v string
		if err := db.NewQuery("PRAGMA " + p).Row(&v); err != nil {
			t.Fatal(err)
		}
		got[p] = v
	}
	return got
}

func TestAConnectionHasPocketBasesSettingsButItsCacheAndCheckpoints(t *testing.T) {
	dir := t.TempDir()
	ours, err := sqlitedb.Connect(filepath.Join(dir, "ours.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer ours.Close()
	theirs, err := core.DefaultDBConnect(filepath.Join(dir, "theirs.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer theirs.Close()

	got, want := read(t, ours), read(t, theirs)
	want["cache_size"] = strconv.Itoa(-sqlitedb.CacheKB)
	want["wal_autocheckpoint"] = "0"
	for _, p := range settings {
		if got[p] != want[p] {
			t.Errorf("PRAGMA %s is %s, want %s (PocketBase's, but for the cache and the checkpoints)", p, got[p], want[p])
		}
	}
}
