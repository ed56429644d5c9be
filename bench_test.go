package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os/exec"
	"sort"
	"sync"
	"testing"
	"time"
)

// BenchmarkNPSWebhookAgainstRecordCreate measures, against the real binary on
// loopback, generic NPS webhooks from promoters (each writes a customer, a
// moment, an ask and an outbox row) beside PocketBase's own record-create
// endpoint writing the same number of plain moments, in the same run:
//
//	go test -run '^$' -bench NPSWebhook -benchtime 1x .
func BenchmarkNPSWebhookAgainstRecordCreate(b *testing.B) {
	const requests, workers = 2000, 8
	bin := buildBinary(b)
	dir := b.TempDir()
	if out, err := exec.Command(bin, "superuser", "upsert", "bench@warmloop.test", "a-long-password-1", "--dir", dir).CombinedOutput(); err != nil {
		b.Fatalf("%v: %s", err, out)
	}
	port := freePort(b)
	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	serve := exec.Command(bin, "serve", "--dir", dir, "--http", fmt.Sprintf("127.0.0.1:%d", port))
	if err := serve.Start(); err != nil {
		b.Fatal(err)
	}
	defer func() { _ = serve.Process.Kill(); _ = serve.Wait() }()
	waitHealthy(b, base)

	token := signIn(b, base)
	settings := getJSON(b, base+"/api/collections/settings/records", token)
	id := settings["items"].([]any)[0].(map[string]any)["id"].(string)
	send(b, http.MethodPatch, base+"/api/collections/settings/records/"+id, token, `{"nps_secret":"bench-secret"}`)
	customer := send(b, http.MethodPost, base+"/api/collections/customers/records", token,
		`{"name":"Plain","email":"plain@bench.example","source":"direct"}`)["id"].(string)

	for i := 0; i < b.N; i++ {
		run := fmt.Sprintf("%d-%d", time.Now().UnixNano(), i)
		hooks := load(requests, workers, func(n int) (*http.Request, error) {
			body := fmt.Sprintf(`{"email":"p%d-%s@bench.example","score":10,"id":"w-%s-%d"}`, n, run, run, n)
			req, err := http.NewRequest(http.MethodPost, base+"/hooks/nps/generic", bytes.NewBufferString(body))
			req.Header.Set("Authorization", "Bearer bench-secret")
			return req, err
		}, http.StatusCreated)
		plain := load(requests, workers, func(n int) (*http.Request, error) {
			body := fmt.Sprintf(`{"customer":%q,"kind":"custom","source":"bench","external_id":"p-%s-%d","occurred_at":"2026-11-24 10:00:00.000Z","decision":"below_threshold"}`, customer, run, n)
			req, err := http.NewRequest(http.MethodPost, base+"/api/collections/moments/records", bytes.NewBufferString(body))
			req.Header.Set("Authorization", token)
			req.Header.Set("Content-Type", "application/json")
			return req, err
		}, http.StatusOK)
		if hooks.failed > 0 || plain.failed > 0 {
			b.Fatalf("failed requests: webhooks %d, plain creates %d", hooks.failed, plain.failed)
		}
		b.ReportMetric(hooks.rate, "webhooks/s")
		b.ReportMetric(hooks.p99.Seconds()*1000, "webhook-p99-ms")
		b.ReportMetric(plain.rate, "creates/s")
		b.ReportMetric(plain.p99.Seconds()*1000, "create-p99-ms")
		b.ReportMetric(hooks.rate/plain.rate, "ratio")
	}
}

type loadResult struct {
	rate   float64
	p99    time.Duration
	failed int
}

// load sends n requests from workers goroutines and measures rate and p99.
func load(n, workers int, mk func(int) (*http.Request, error), wantStatus int) loadResult {
	var mu sync.Mutex
	var lat []time.Duration
	failed := 0
	next := make(chan int)
	var wg sync.WaitGroup
	start := time.Now()
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				req, err := mk(i)
				t0 := time.Now()
				var res *http.Response
				if err == nil {
					res, err = http.DefaultClient.Do(req)
				}
				d := time.Since(t0)
				mu.Lock()
				if err != nil || res.StatusCode != wantStatus {
					failed++
				}
				lat = append(lat, d)
				mu.Unlock()
				if res != nil {
					res.Body.Close()
				}
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
	elapsed := time.Since(start)
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	return loadResult{rate: float64(n) / elapsed.Seconds(), p99: lat[len(lat)*99/100], failed: failed}
}

func waitHealthy(b *testing.B, base string) {
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if res, err := http.Get(base + "/api/health"); err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	b.Fatal("server not healthy within 20s")
}

func signIn(b *testing.B, base string) string {
	res := send(b, http.MethodPost, base+"/api/collections/_superusers/auth-with-password", "",
		`{"identity":"bench@warmloop.test","password":"a-long-password-1"}`)
	return res["token"].(string)
}

func getJSON(b *testing.B, url, token string) map[string]any {
	return send(b, http.MethodGet, url, token, "")
}

func send(b *testing.B, method, url, token, body string) map[string]any {
	req, _ := http.NewRequest(method, url, bytes.NewBufferString(body))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	defer res.Body.Close()
	var out map[string]any
	_ = json.NewDecoder(res.Body).Decode(&out)
	if res.StatusCode >= 300 {
		b.Fatalf("%s %s: %s %v", method, url, res.Status, out)
	}
	return out
}
