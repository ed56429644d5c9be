// Package sqlitedb is how Warmloop opens its SQLite databases: the size of
// the read pool, and each connection opened with PocketBase's settings but
// a smaller page cache. main.go hands both to PocketBase.
package sqlitedb

import (
	"strconv"

	"github.com/pocketbase/dbx"
	_ "modernc.org/sqlite" // the driver PocketBase uses, pure Go
)

// ReadConns is the size of the read pool, and every connection in it stays
// open once made. PocketBase's default keeps 15 idle of 120, so under more
// concurrent requests than that connections close and reopen, each running
// its PRAGMAs and reading the schema again (and preparing its statements
// again). A request beyond ReadConns waits for a connection, which costs
// less than opening one: on two cores 16 serve 64 concurrent page views as
// fast as 32 do, and 8 are slower.
const ReadConns = 16

// CacheKB is each connection's page cache, in KiB. PocketBase asks for
// 32 MB per connection; with the read pool kept open (and the writer, and
// the request log's connections) that lets SQLite alone hold hundreds of
// megabytes once the program is large. The file's pages stay in the
// operating system's cache either way, and in WAL mode a connection drops
// its cache whenever another one has written: measured on two cores, 2 MB
// serves the public pages and the webhook as fast as 32 MB.
const CacheKB = 2000

// pragmas are PocketBase's (core.DefaultDBConnect; the test checks they
// stay in step) with cache_size set from CacheKB, and no checkpoint run by
// a commit (checkpoint.go). busy_timeout comes first: the connection must
// wait on a lock before it switches to WAL.
var pragmas = "?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=journal_size_limit(200000000)" +
	"&_pragma=synchronous(NORMAL)&_pragma=foreign_keys(ON)&_pragma=temp_store(MEMORY)" +
	"&_pragma=cache_size(-" + strconv.Itoa(CacheKB) + ")&_pragma=wal_autocheckpoint(0)"

// Connect opens the database at path: pocketbase.Config's DBConnect. A
// goroutine checkpoints the database's pools in the background (checkpoint.go).
func Connect(path string) (*dbx.DB, error) {
	KeepAllocatorPages()
	db, err := dbx.Open("sqlite", path+pragmas)
	if err != nil {
		return nil, err
	}
	checkpointWith(path, db)
	return db, nil
}
