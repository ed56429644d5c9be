package public_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"warmloop/tests/webtest"
)

// BenchmarkLandingAgainstBareHandler loads GET /r/{token} with 32 concurrent
// clients on loopback, then a bare net/http handler that writes the same
// bytes, in the same run, and reports both throughputs, their ratio, the
// p99 latencies and the peak heap while Warmloop served.
//
//	go test -run '^$' -bench LandingAgainstBare -benchtime 1x -count 3 ./views/
func BenchmarkLandingAgainstBareHandler(b *testing.B) {
	const clients, requests = 32, 20000
	app := webtest.WithReferrer(b)
	defer app.Cleanup()
	srv := webtest.Server(b, app)
	url := srv.URL + "/r/" + webtest.AskToken

	res, err := http.Get(url) // the first visit marks the ask clicked; later ones only read
	if err != nil {
		b.Fatal(err)
	}
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || len(page) < 1000 {
		b.Fatalf("landing page: %s, %d bytes", res.Status, len(page))
	}
	// The bare handler frames the page as Warmloop does, with its length
	// (site.WritePage), so the two differ only in what runs before the write.
	bare := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.Header().Set("Content-Length", strconv.Itoa(len(page)))
		_, _ = w.Write(page)
	}))
	defer bare.Close()

	for i := 0; i < b.N; i++ {
		var peak atomic.Uint64
		stop := make(chan struct{})
		go func() {
			var m runtime.MemStats
			for {
				select {
				case <-stop:
					return
				case <-time.After(10 * time.Millisecond):
					runtime.ReadMemStats(&m)
					if m.HeapInuse > peak.Load() {
						peak.Store(m.HeapInuse)
					}
				}
			}
		}()
		wlRate, wlP99 := load(b, url, clients, requests, len(page))
		close(stop)
		bareRate, bareP99 := load(b, bare.URL, clients, requests, len(page))
		b.ReportMetric(wlRate, "warmloop-req/s")
		b.ReportMetric(bareRate, "bare-req/s")
		b.ReportMetric(wlRate/bareRate, "ratio")
		b.ReportMetric(float64(wlP99.Microseconds())/1000, "warmloop-p99-ms")
		b.ReportMetric(float64(bareP99.Microseconds())/1000, "bare-p99-ms")
		b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MB")
	}
}

// load sends requests GETs from clients goroutines and returns the
// throughput and the 99th-percentile latency.
func load(b *testing.B, url string, clients, requests, size int) (float64, time.Duration) {
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients}}
	defer client.CloseIdleConnections()
	latencies := make([]time.Duration, requests)
	var next atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	for range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				n := int(next.Add(1)) - 1
				if n >= requests {
					return
				}
				t0 := time.Now()
				res, err := client.Get(url)
				if err != nil {
					b.Error(err)
					return
				}
				got, _ := io.Copy(io.Discard, res.Body)
				res.Body.Close()
				latencies[n] = time.Since(t0)
				if res.StatusCode != http.StatusOK || int(got) != size {
					b.Errorf("%s: %s, %d bytes", url, res.Status, got)
					return
				}
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	slices.Sort(latencies)
	return float64(requests) / elapsed.Seconds(), latencies[requests*99/100]
}

// BenchmarkReferrerRecordPage loads GET /r/{token} of a referrer who has
// introduced two people (their record read on every view) with 32
// concurrent clients on loopback, and reports the throughput and the p99
// latency, to set beside BenchmarkLandingAgainstBareHandler's page without
// a record.
//
//	go test -run '^$' -bench ReferrerRecordPage -benchtime 1x -count 3 ./views/public/
func BenchmarkReferrerRecordPage(b *testing.B) {
	const clients, requests = 32, 20000
	app := withRecord(b)
	defer app.Cleanup()
	srv := webtest.Server(b, app)
	url := srv.URL + "/r/" + webtest.AskToken
	res, err := http.Get(url)
	if err != nil {
		b.Fatal(err)
	}
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || !strings.Contains(string(page), "Your introductions, Ana") {
		b.Fatalf("record page: %s, %d bytes", res.Status, len(page))
	}
	for i := 0; i < b.N; i++ {
		rate, p99 := load(b, url, clients, requests, len(page))
		b.ReportMetric(rate, "req/s")
		b.ReportMetric(float64(p99.Microseconds())/1000, "p99-ms")
	}
}

// BenchmarkLandingHandlerWithRecord runs GET /r/{token} of a referrer with
// a record (withRecord) and GET /s/{code} as a stranger through the router
// in the process, with no network and no client, so what it reports per
// view is the server's own cost: time, bytes and allocations.
//
//	go test -run '^$' -bench LandingHandlerWithRecord -benchmem ./views/public/
func BenchmarkLandingHandlerWithRecord(b *testing.B) {
	app := withRecord(b)
	defer app.Cleanup()
	h := webtest.Server(b, app).Config.Handler
	for _, page := range []struct{ name, path, want string }{
		{"landing", "/r/" + webtest.AskToken, "Your introductions, Ana"},
		{"share", "/s/" + webtest.ShareCode, "Ana Lima from Northwind thinks you should meet"},
	} {
		view := func() *httptest.ResponseRecorder {
			rec := httptest.NewRecorder()
			req := httptest.NewRequest(http.MethodGet, page.path, nil)
			req.Header.Set("User-Agent", chrome)
			h.ServeHTTP(rec, req)
			return rec
		}
		// The first visit marks the ask clicked; the views measured only read.
		if rec := view(); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), page.want) {
			b.Fatalf("%s: %d\n%s", page.path, rec.Code, rec.Body)
		}
		b.Run(page.name, func(b *testing.B) {
			b.ReportAllocs()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					if rec := view(); rec.Code != http.StatusOK {
						b.Errorf("%s: %d", page.path, rec.Code)
						return
					}
				}
			})
		})
	}
}
