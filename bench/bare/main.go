// Command bare is a bare net/http server answering every request with the
// bytes of one file and the headers of a Warmloop page: the ceiling
// bench/load.sh measures the public pages against. It is built only by the
// load script and is never part of the warmloop binary.
package main

import (
	"flag"
	"log"
	"net/http"
	"os"
	"strconv"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8092", "address to listen on")
	file := flag.String("page", "", "the page to serve (the landing page, saved by the load script)")
	flag.Parse()
	page, err := os.ReadFile(*file)
	if err != nil {
		log.Fatal(err)
	}
	log.Fatal(http.ListenAndServe(*addr, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		// The length, as Warmloop's pages send it: one write, not chunks.
		w.Header().Set("Content-Length", strconv.Itoa(len(page)))
		_, _ = w.Write(page)
	})))
}
