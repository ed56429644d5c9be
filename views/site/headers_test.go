package site

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/pocketbase/pocketbase/core"
)

func TestPageHeaderNamesAreCanonical(t *testing.T) {
	// setPageHeaders writes the names straight into the header map: a name
	// not in canonical form would sit beside the one net/http reads.
	for name := range pageHeaders {
		if c := http.CanonicalHeaderKey(name); c != name {
			t.Errorf("%q is written %q by net/http", name, c)
		}
	}
}

func TestAPageIsSentWithItsLengthAndItsHeadersInOnePiece(t *testing.T) {
	page := bytes.Repeat([]byte("<p>a page longer than net/http buffers before it chunks</p>\n"), 200)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		e := &core.RequestEvent{}
		e.Response, e.Request = w, r
		w.Header().Set("cache-control", "public, max-age=60") // set before, by a middleware
		if err := WritePage(e, http.StatusNotFound, page); err != nil {
			t.Error(err)
		}
	}))
	defer srv.Close()

	res, err := http.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != http.StatusNotFound || !bytes.Equal(body, page) {
		t.Fatalf("%s, %d bytes; want 404 with the %d bytes of the page", res.Status, len(body), len(page))
	}
	if res.ContentLength != int64(len(page)) || len(res.TransferEncoding) > 0 {
		t.Errorf("Content-Length %d, Transfer-Encoding %v; want the length %d, not chunks",
			res.ContentLength, res.TransferEncoding, len(page))
	}
	for name, want := range pageHeaders {
		if got := res.Header.Values(name); len(got) != 1 || got[0] != want {
			t.Errorf("%s: %q, want %q alone", name, got, want)
		}
	}
	if ct := res.Header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
}
